from django.core.management import call_command

from children.models import Child, Expert, NursingRoom, Project
from orgs.models import Organization, OrgKind, Person, Position, Role, User


def test_seed_demo_small_is_deterministic_and_has_a_login_per_role(db):
    call_command("seed_demo", "--scale", "small", "--seed", "7")
    first = list(Organization.objects.order_by("code").values_list("code", "name", "path"))
    people = list(Person.objects.order_by("pk").values_list("name", flat=True))
    assert Organization.objects.filter(kind=OrgKind.DISTRICT).count() == 1
    for role in Role:
        assert User.objects.filter(username=role.value, role=role).exists()
    assert User.objects.get(username="street_chair").check_password("demo-pass-2025")
    assert Organization.objects.find_problems() == ([], [], [], [], [])
    call_command("seed_demo", "--scale", "small", "--if-empty")  # a no-op on a full database
    assert len(first) == Organization.objects.count()
    _delete_work_records()
    Position.objects.all().delete()
    Person.objects.all().delete()
    User.objects.all().delete()
    Organization.objects.all().delete()
    call_command("seed_demo", "--scale", "small", "--seed", "7")
    assert list(Organization.objects.order_by("code").values_list("code", "name", "path")) == first
    assert list(Person.objects.order_by("pk").values_list("name", flat=True)) == people


def _delete_work_records():
    """Work records protect the users and organizations they point at: they go first."""
    from families.models import Honour, Household, InspectionRound, Recipient
    from orgs.duties.models import Duty, VoiceRequest
    from rights.models import Assistance, AssistanceTarget, Case, Complainant
    from rights.models import Household as RiskHousehold

    for model in (InspectionRound, Honour, Recipient, Household, Child, Project, NursingRoom,
                  Expert, RiskHousehold, Case, Complainant, VoiceRequest, Duty, Assistance,
                  AssistanceTarget):
        model.objects.all().delete()
