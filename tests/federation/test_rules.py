"""Rules in one place: each predicate of an app's `permissions.py` decides both whether a page
shows a link (through the app's template filters) and whether the linked view answers. For
every account, the link is shown exactly when its view answers 200."""

import datetime

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from families.models import InspectionRound, ScoreSheet
from rights.models import Status
from tests.families.factories import HouseholdFactory
from tests.rights.factories import CaseFactory, make_rights_staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def accounts(world):
    """Every role of the world, plus a street chair whose account carries the case-handling
    permission (she still may not assign) and district staff who handle rights cases."""
    users = dict(world.users)
    chair = users.pop("street_chair")
    chair.user_permissions.add(Permission.objects.get(codename="handle_case"))
    users["street_chair_with_permission"] = type(chair).objects.get(pk=chair.pk)
    users["rights_staff"] = make_rights_staff(
        type(chair).objects.create_user("rights_staff", role="district_staff",
                                        org=world.district))
    users["no_role"] = type(chair).objects.create_user("no_role", role="", org=world.district)
    return users


def _shown_when_it_answers(client, users, page_url: str, link_url: str) -> set[str]:
    """Check, for each user, that the page shows the link exactly when the link answers 200;
    return the users who got it."""
    shown_to = set()
    for name, user in users.items():
        client.force_login(user)
        page = client.get(page_url)
        content = page.content.decode() if page.status_code == 200 else ""
        shown = f'href="{link_url}"' in content or f'href="{link_url}?' in content
        status = client.get(link_url).status_code
        assert shown == (status == 200), f"{name}: link shown={shown}, the view answered {status}"
        shown_to.add(name) if shown else None
    return shown_to


def test_assign_link_follows_can_assign_case(world, accounts, client):
    chair = world.users["community_chair"]  # her street's chair supervises (sees) the case
    case = CaseFactory(org=world.c1, registered_by=chair, handler=chair,
                       status=Status.IN_PROGRESS)
    shown = _shown_when_it_answers(client, accounts, case.get_absolute_url(),
                                   reverse("rights:case_assign", args=[case.pk]))
    assert shown == {"district_admin", "rights_staff"}  # not the chair with the permission


def test_no_assign_link_on_a_closed_case_and_no_assigning_it(world, accounts, client):
    case = CaseFactory(org=world.c1, registered_by=world.users["community_chair"],
                       status=Status.CLOSED, closed_on=datetime.date(2025, 3, 1))
    assert _shown_when_it_answers(client, accounts, case.get_absolute_url(),
                                  reverse("rights:case_assign", args=[case.pk])) == set()


def test_registry_menu_follows_can_keep_registry(accounts, client):
    shown = _shown_when_it_answers(client, accounts, reverse("home"),
                                   reverse("rights:assistance_list"))
    assert shown == {"district_admin", "rights_staff", "street_chair_with_permission",
                     "community_chair", "other_street_chair", "other_community_chair"}


def test_summary_menu_follows_can_request_summary(accounts, client):
    shown = _shown_when_it_answers(client, accounts, reverse("home"), reverse("summary:home"))
    assert shown == {"district_admin", "district_staff", "rights_staff", "leader",
                     "street_chair_with_permission", "other_street_chair"}


def test_plan_links_follow_can_write_plan(accounts, client):
    shown = _shown_when_it_answers(client, accounts, reverse("summary:plan"),
                                   reverse("summary:plan_new"))
    assert shown == {"district_admin", "district_staff", "rights_staff",
                     "street_chair_with_permission", "other_street_chair"}


def test_access_log_link_follows_can_read_access_log(accounts, client):
    assert _shown_when_it_answers(client, accounts, reverse("home"),
                                  reverse("access_log")) == {"district_admin"}


def test_round_links_follow_can_start_and_can_fill_round(world, accounts, client):
    HouseholdFactory(org=world.c1)
    inspection_round = InspectionRound.objects.create(
        org=world.district, kind="monthly", period=datetime.date(2025, 6, 1), sample_size=1,
        seed=7, created_by=world.users["district_staff"], sheet=ScoreSheet.current())
    inspection_round.fill()
    starters = _shown_when_it_answers(client, accounts, reverse("families:rounds"),
                                      reverse("families:round_create"))
    assert starters == {"district_admin", "district_staff", "rights_staff",
                        "street_chair_with_permission", "other_street_chair"}
    page = inspection_round.get_absolute_url()
    for name in ("families:round_template", "families:round_import"):
        fillers = _shown_when_it_answers(client, accounts, page,
                                         reverse(name, args=[inspection_round.pk]))
        assert fillers == starters | {"community_chair", "other_community_chair"}


def test_children_records_menu_follows_can_see_child_records(accounts, client):
    for name in ("children:children", "children:grants"):
        shown = _shown_when_it_answers(client, accounts, reverse("home"), reverse(name))
        assert shown == set(accounts) - {"leader"}


@pytest.mark.parametrize("page, model", [("orgs:indicators", "indicator"),
                                         ("orgs:targets", "annualtarget")])
def test_admin_links_follow_can_edit_in_admin(world, accounts, client, page, model):
    """A district admin without staff status (as the accounts page creates them) gets no link
    to the admin; a staff account with the model's permission does."""
    users = {**accounts,
             "district_admin_not_staff": type(world.users["leader"]).objects.create_user(
                 "admin2", role="district_admin", org=world.district)}
    staff = type(world.users["leader"]).objects.create_user(
        "admin3", role="district_admin", org=world.district, is_staff=True)
    staff.user_permissions.add(Permission.objects.get(codename=f"change_{model}"))
    users["staff_with_permission"] = type(staff).objects.get(pk=staff.pk)
    shown = _shown_when_it_answers(client, users, reverse(page),
                                   reverse(f"admin:orgs_{model}_changelist"))
    assert shown == {"district_admin", "staff_with_permission"}
