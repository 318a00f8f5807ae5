import io

from auditlog.context import disable_auditlog
from django.core.management import call_command

from children.models import Child, Expert, NursingRoom, Project
from orgs.models import Organization, OrgKind, Person, Position, Role, User
from tests.conftest import DEMO


def test_seed_demo_small_is_deterministic_and_has_a_login_per_role(demo):
    """The session's demo (tests/conftest.py) is the first run; the same seed again on an
    emptied database gives the same tree and people."""
    first = list(Organization.objects.order_by("code").values_list("code", "name", "path"))
    people = list(Person.objects.order_by("pk").values_list("name", flat=True))
    assert Organization.objects.filter(kind=OrgKind.DISTRICT).count() == 1
    for role in Role:
        assert User.objects.filter(username=role.value, role=role).exists()
    assert User.objects.get(username="street_chair").check_password("demo-pass-2025")
    assert Organization.objects.find_problems() == ([], [], [], [], [])
    out = io.StringIO()
    call_command("seed_demo", "--scale", "small", "--if-empty", stdout=out)
    assert "nothing to do" in out.getvalue()  # a no-op on a full database
    assert len(first) == Organization.objects.count()
    with disable_auditlog():  # emptying is set-up, not the code under test
        _delete_work_records()
        Position.objects.all().delete()
        Person.objects.all().delete()
        User.objects.all().delete()
        Organization.objects.all().delete()
    call_command("seed_demo", *DEMO, stdout=io.StringIO())
    assert list(Organization.objects.order_by("code").values_list("code", "name", "path")) == first
    assert list(Person.objects.order_by("pk").values_list("name", flat=True)) == people


def _delete_work_records():
    """Work records protect the users and organizations they point at: they go first."""
    from families.models import AwardList, Honour, Household, InspectionRound, Recipient
    from orgs.duties.models import Duty, VoiceRequest
    from rights.models import Assistance, AssistanceTarget, Case, Complainant
    from rights.models import Household as RiskHousehold

    for model in (InspectionRound, Honour, AwardList, Recipient, Household, Child, Project, NursingRoom,
                  Expert, RiskHousehold, Case, Complainant, VoiceRequest, Duty, Assistance,
                  AssistanceTarget):
        model.objects.all().delete()
