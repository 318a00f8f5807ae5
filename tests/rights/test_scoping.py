"""Every rights URL walked as each role: only the people the rule names reach a case."""

import pytest
from django.urls import reverse

from orgs.models import Role
from rights.models import ActionType, Case
from tests.factories import UserFactory
from tests.rights.factories import (
    AssistanceFactory,
    CaseFactory,
    HouseholdFactory,
    MediationFactory,
    make_rights_staff,
)
from tests.urlwalk import assert_covered, walk

LISTS = ["rights:case_list", "rights:case_create", "rights:overdue", "rights:case_export",
         "rights:mediation_list", "rights:stats", "rights:stats_export",
         "rights:household_list", "rights:household_create", "rights:assistance_list",
         "rights:assistance_create", "rights:assistance_export", "rights:assistance_stats"]


def rights_cases(case: Case, household, assistance=None) -> dict:
    mediation = MediationFactory(case=case, registered_by=case.registered_by)
    action = case.actions.create(type=ActionType.objects.get(code="referral_police"),
                                 by=case.registered_by, agency="police")
    cases = dict.fromkeys(LISTS)
    for name in ("case_detail", "case_unmask", "case_edit", "case_export_one", "case_assign",
                 "action_create", "case_close", "case_followup", "case_extend",
                 "mediation_create"):
        cases[f"rights:{name}"] = {"pk": case.pk}
    cases["rights:action_feedback"] = {"pk": action.pk}
    for name in ("mediation_detail", "mediation_edit", "session_create"):
        cases[f"rights:{name}"] = {"pk": mediation.pk}
    for name in ("household_detail", "household_edit", "screening_create",
                 "household_open_case"):
        cases[f"rights:{name}"] = {"pk": household.pk}
    if assistance is not None:
        for name in ("assistance_detail", "assistance_unmask", "assistance_edit"):
            cases[f"rights:{name}"] = {"pk": assistance.pk}
    return cases


@pytest.fixture
def handler(world):
    return make_rights_staff(UserFactory(username="handler", role=Role.DISTRICT_STAFF,
                                         org=world.district))


@pytest.mark.parametrize("role, household_org", [
    ("leader", "c1"), ("street_chair", "c3"), ("community_chair", "c3"),
    ("other_street_chair", "c1"), ("other_community_chair", "c1"),
    ("district_staff", "c1"),  # district staff who do not handle rights
])
def test_unrelated_roles_reach_no_case(world, login, handler, role, household_org):
    case = CaseFactory(org=world.c1, registered_by=handler, handler=handler)
    household = HouseholdFactory(org=getattr(world, household_org), created_by=handler,
                                 warning_letters=2)
    # An assistance record where the role may not see it (district staff without the rights
    # permission and leaders see none anywhere).
    assistance = AssistanceFactory(org=getattr(world, household_org), registered_by=handler)
    cases = rights_cases(case, household, assistance)
    assert_covered("rights", cases)
    assert walk(login(world.users[role]), cases) == []


def test_leader_sees_counts_only(world, login, handler):
    CaseFactory(org=world.c1, registered_by=handler, handler=handler)
    client = login(world.users["leader"])
    for name in ("rights:case_list", "rights:case_create", "rights:overdue",
                 "rights:case_export", "rights:mediation_list", "rights:household_list"):
        assert client.get(reverse(name)).status_code == 403, name
    assert client.get(reverse("rights:stats")).context["totals"]["received"] == 1
    assert client.get(reverse("rights:stats_export")).status_code == 200


def test_each_named_person_sees_the_case(world, login, handler):
    chair = world.users["street_chair"]
    colleague = UserFactory(username="s1_vice", role=Role.STREET_CHAIR, org=world.s1)
    registrar = world.users["community_chair"]
    case = CaseFactory(org=world.c1, registered_by=registrar, handler=colleague)
    for user in (world.users["district_admin"], handler, registrar, colleague, chair):
        response = login(user).get(reverse("rights:case_detail", args=[case.pk]))
        assert response.status_code == 200, user.username
    # The supervising street chair sees masked data and cannot unmask or close it.
    client = login(chair)
    assert client.get(reverse("rights:case_unmask", args=[case.pk])).status_code == 403
    assert client.get(reverse("rights:case_close", args=[case.pk])).status_code == 403
    assert client.get(reverse("rights:case_assign", args=[case.pk])).status_code == 403
    assert list(Case.objects.visible_to(world.users["other_street_chair"])) == []
    assert list(Case.objects.visible_to(world.users["district_staff"])) == []
    assert list(Case.objects.visible_to(world.users["leader"])) == []


def test_community_chair_registers_only_for_her_community(world, login):
    client = login(world.users["community_chair"])
    form = client.get(reverse("rights:case_create")).context["form"]
    assert list(form.fields["org"].queryset) == [world.c1]
    assert form.fields["org"].initial == world.c1.pk


def test_handlers_offered_are_rights_staff_and_the_street_chair(world, handler):
    from rights.services import eligible_handlers

    case = CaseFactory(org=world.c1, registered_by=handler)
    names = {u.username for u in eligible_handlers(case)}
    assert names == {"handler", "street_chair"}


def test_anonymous_is_sent_to_login(world, client, handler):
    case = CaseFactory(org=world.c1, registered_by=handler)
    household = HouseholdFactory(org=world.c1, created_by=handler)
    assistance = AssistanceFactory(org=world.c1, registered_by=handler)
    for name, kwargs in rights_cases(case, household, assistance).items():
        response = client.get(reverse(name, kwargs=kwargs))
        assert response.status_code == 302 and "/accounts/login/" in response["Location"], name
