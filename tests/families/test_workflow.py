"""The honours workflow: which role may take which step in which state."""

import datetime

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from families import services
from families.models import Action, Honour, HonourLevel, HonourType, State
from tests.families.factories import HonourFactory

D = datetime.date
TODAY = D(2025, 6, 20)


@pytest.fixture
def honour(world):
    return HonourFactory(org=world.c1)


def walk_to(honour, users, state):
    """Drive the honour forward as the proper roles up to `state`."""
    chain = [
        (Action.REVIEW, "community_chair"), (Action.PUBLISH, "community_chair"),
        (Action.RECOMMEND, "street_chair"), (Action.DISTRICT_REVIEW, "district_staff"),
        (Action.AWARD, "district_staff"),
    ]
    for action, role in chain:
        if honour.state == state:
            return
        # the notice is published ten days before TODAY and has run its course by then
        on = TODAY - datetime.timedelta(days=10) if action == Action.PUBLISH else TODAY
        services.act(honour, action, users[role], on=on)


def test_full_path_to_award(world, honour):
    walk_to(honour, world.users, State.AWARDED)
    honour.refresh_from_db()
    assert honour.state == State.AWARDED and honour.awarded_on == TODAY
    assert [s.to_state for s in honour.steps.all()] == [
        State.REVIEWED, State.NOTICE, State.RECOMMENDED, State.DISTRICT_REVIEWED, State.AWARDED]
    assert honour.allowed_actions(world.users["district_staff"], TODAY) == []


ALLOWED = {  # state -> role -> forward/reject actions allowed (disqualify is extra, see below)
    State.NOMINATED: {"community_chair": {Action.REVIEW, Action.REJECT}},
    State.REVIEWED: {"community_chair": {Action.PUBLISH, Action.REJECT}},
    State.NOTICE: {"street_chair": {Action.RECOMMEND, Action.REJECT}},
    State.RECOMMENDED: {"district_staff": {Action.DISTRICT_REVIEW, Action.REJECT},
                        "district_admin": {Action.DISTRICT_REVIEW, Action.REJECT}},
    State.DISTRICT_REVIEWED: {"district_staff": {Action.AWARD, Action.REJECT},
                              "district_admin": {Action.AWARD, Action.REJECT}},
}
ROLES = ["community_chair", "street_chair", "district_staff", "district_admin", "leader",
         "other_community_chair", "other_street_chair"]


@pytest.mark.parametrize("state", list(ALLOWED))
@pytest.mark.parametrize("role", ROLES)
def test_allowed_actions_per_role_and_state(world, honour, state, role):
    walk_to(honour, world.users, state)
    allowed = set(honour.allowed_actions(world.users[role], TODAY))
    expected = set(ALLOWED[state].get(role, set()))
    in_chain = role in ("community_chair", "street_chair", "district_staff", "district_admin")
    if in_chain:
        expected.add(Action.DISQUALIFY)
    assert allowed == expected


def test_forbidden_step_raises_and_changes_nothing(world, honour):
    with pytest.raises(PermissionDenied):
        services.act(honour, Action.AWARD, world.users["district_staff"], on=TODAY)
    with pytest.raises(PermissionDenied):  # the street chair cannot review in the community
        services.act(honour, Action.REVIEW, world.users["street_chair"], on=TODAY)
    with pytest.raises(PermissionDenied):  # a chair of another community
        services.act(honour, Action.REVIEW, world.users["other_community_chair"], on=TODAY)
    honour.refresh_from_db()
    assert honour.state == State.NOMINATED and not honour.steps.exists()


def test_notice_must_last_three_days(world, honour):
    walk_to(honour, world.users, State.REVIEWED)
    chair = world.users["community_chair"]
    with pytest.raises(ValidationError):  # two days, counting both
        services.act(honour, Action.PUBLISH, chair, notice_ends=D(2025, 6, 19), on=D(2025, 6, 18))
    with pytest.raises(ValidationError):  # a back-dated end
        services.act(honour, Action.PUBLISH, chair, notice_ends=D(2025, 6, 2), on=D(2025, 6, 18))
    honour.refresh_from_db()
    assert honour.state == State.REVIEWED and honour.notice_starts is None
    services.act(honour, Action.PUBLISH, chair, on=D(2025, 6, 18))  # blank end: exactly three days
    honour.refresh_from_db()
    assert (honour.notice_starts, honour.notice_ends) == (D(2025, 6, 18), D(2025, 6, 20))
    street = world.users["street_chair"]
    assert Action.RECOMMEND not in honour.allowed_actions(street, D(2025, 6, 20))  # still running
    with pytest.raises(ValidationError, match="2025-06-21"):  # refused, saying from when
        services.act(honour, Action.RECOMMEND, street, on=D(2025, 6, 20))
    honour.refresh_from_db()
    assert honour.state == State.NOTICE
    assert Action.RECOMMEND in honour.allowed_actions(street, D(2025, 6, 21))
    services.act(honour, Action.RECOMMEND, street, on=D(2025, 6, 21))


def test_notice_dates_come_from_the_day_it_is_published(world, login):
    """The page offers no start date: a notice posted with back-dated dates starts today."""
    honour = HonourFactory(org=world.c1, state=State.REVIEWED)
    client = login(world.users["community_chair"])
    today = timezone.localdate()
    client.post(reverse("families:honour_step", args=[honour.pk, "publish"]),
                {"notice_starts": "2020-01-01", "notice_ends": ""})
    honour.refresh_from_db()
    assert honour.state == State.NOTICE
    assert honour.notice_starts == today
    assert honour.notice_ends == today + datetime.timedelta(days=2)
    street = login(world.users["street_chair"])
    response = street.post(reverse("families:honour_step", args=[honour.pk, "recommend"]),
                           follow=True)
    honour.refresh_from_db()
    assert response.status_code == 200 and honour.state == State.NOTICE
    assert (today + datetime.timedelta(days=3)).isoformat() in response.content.decode()


def test_reject_needs_a_reason(world, honour):
    walk_to(honour, world.users, State.RECOMMENDED)
    with pytest.raises(ValidationError):
        services.act(honour, Action.REJECT, world.users["district_staff"], note=" ", on=TODAY)
    services.act(honour, Action.REJECT, world.users["district_staff"], note="材料不全", on=TODAY)
    honour.refresh_from_db()
    assert honour.state == State.REJECTED and honour.rejection_reason == "材料不全"


@pytest.mark.parametrize("state", list(ALLOWED))
def test_disqualifying_finding_stops_it_at_any_step(world, honour, state):
    walk_to(honour, world.users, state)
    services.act(honour, Action.DISQUALIFY, world.users["street_chair"], finding="gambling",
               note="派出所通报", on=TODAY)
    honour.refresh_from_db()
    assert honour.state == State.DISQUALIFIED and honour.finding == "gambling"
    assert honour.allowed_actions(world.users["district_staff"], TODAY) == []


def test_disqualify_needs_a_finding(world, honour):
    with pytest.raises(ValidationError):
        services.act(honour, Action.DISQUALIFY, world.users["community_chair"], on=TODAY)


def test_pages_drive_the_workflow(world, login):
    """As community_chair nominate; as street_chair recommend; as district_staff award."""
    client = login(world.users["community_chair"])
    honour_type = HonourType.objects.get(code="most-beautiful-family")
    criteria = list(honour_type.criteria_set.criteria.values_list("pk", flat=True)[:3])
    response = client.post(reverse("families:honour_nominate"), {
        "kind": "family", "name": "王秀英家庭", "honour_type": honour_type.pk,
        "level": HonourLevel.objects.get(code="community").pk, "year": 2025, "source": "peer",
        "citation": "夫妻和睦，孝老爱亲", "criteria": criteria})
    honour = Honour.objects.get()
    assert response.status_code == 302 and honour.recipient.name == "王秀英家庭"
    assert honour.criteria.count() == 3 and honour.state == State.NOMINATED
    step = "families:honour_step"
    client.post(reverse(step, args=[honour.pk, "review"]))
    client.post(reverse(step, args=[honour.pk, "publish"]), {"notice_ends": ""})
    honour.refresh_from_db()
    assert honour.state == State.NOTICE
    assert client.post(reverse(step, args=[honour.pk, "recommend"])).status_code == 403
    honour.refresh_from_db()
    assert honour.state == State.NOTICE  # refused: not hers to take
    with time_machine.travel(timezone.now() + datetime.timedelta(days=3)):  # notice over
        client = login(world.users["street_chair"])
        client.post(reverse(step, args=[honour.pk, "recommend"]))
        client = login(world.users["district_staff"])
        client.post(reverse(step, args=[honour.pk, "district_review"]))
        page = client.get(reverse("families:honour", args=[honour.pk])).content.decode()
        assert reverse(step, args=[honour.pk, "award"]) in page
        client.post(reverse(step, args=[honour.pk, "award"]))
    honour.refresh_from_db()
    assert honour.state == State.AWARDED
    history = client.get(reverse("families:recipient", args=[honour.recipient_id]))
    assert list(history.context["honours"]) == [honour]


def test_leader_cannot_step(world, login, honour):
    client = login(world.users["leader"])
    response = client.post(reverse("families:honour_step", args=[honour.pk, "review"]))
    assert response.status_code == 403


def test_nominate_is_for_community_chairs_and_the_district(world, login):
    for role in ("street_chair", "leader"):
        client = login(world.users[role])
        assert client.get(reverse("families:honour_nominate")).status_code == 403, role
    for role in ("community_chair", "district_staff"):
        client = login(world.users[role])
        assert client.get(reverse("families:honour_nominate")).status_code == 200, role


def test_nomination_offers_only_the_chosen_types_criteria(world, login):
    client = login(world.users["community_chair"])
    url = reverse("families:honour_nominate")
    first = client.get(url)  # step one: the type only
    assert "criteria" not in first.context["form"].fields
    most_beautiful = HonourType.objects.get(code="most-beautiful-family")
    other = HonourType.objects.exclude(criteria_set=most_beautiful.criteria_set).exclude(
        criteria_set=None).first()
    page = client.get(url, {"honour_type": most_beautiful.pk})
    offered = set(page.context["form"].fields["criteria"].queryset)
    assert offered == set(most_beautiful.criteria_set.criteria.all())
    # the type select swaps the criteria in when it changes (htmx)
    assert 'hx-select="#div_id_criteria"' in page.content.decode()
    foreign = other.criteria_set.criteria.first()
    response = client.post(url, {
        "kind": "family", "name": "王秀英家庭", "honour_type": most_beautiful.pk,
        "level": HonourLevel.objects.get(code="community").pk, "year": 2025, "source": "peer",
        "criteria": [foreign.pk]})
    assert response.status_code == 200 and not Honour.objects.exists()
    assert "criteria" in response.context["form"].errors
    # with the criteria of its own type the nomination is saved
    response = client.post(url, {
        "kind": "family", "name": "王秀英家庭", "honour_type": most_beautiful.pk,
        "level": HonourLevel.objects.get(code="community").pk, "year": 2025, "source": "peer",
        "criteria": [c.pk for c in offered]})
    assert response.status_code == 302 and Honour.objects.get().criteria.count() == len(offered)


def test_district_staff_nominate_for_district_level_honours(world, login):
    client = login(world.users["district_staff"])
    url = reverse("families:honour_nominate")
    most_beautiful = HonourType.objects.get(code="most-beautiful-family")
    page = client.get(url, {"honour_type": most_beautiful.pk})
    levels = set(page.context["form"].fields["level"].queryset.values_list("code", flat=True))
    assert "district" in levels and not levels & {"street", "community"}
    orgs = set(page.context["form"].fields["org"].queryset)
    assert orgs == {world.c1, world.c2, world.c3}
    data = {"org": world.c3.pk, "kind": "family", "name": "李家", "honour_type": most_beautiful.pk,
            "level": HonourLevel.objects.get(code="community").pk, "year": 2025,
            "source": "organization"}
    assert client.post(url, data).status_code == 200 and not Honour.objects.exists()
    data["level"] = HonourLevel.objects.get(code="district").pk
    assert client.post(url, data).status_code == 302
    honour = Honour.objects.get()
    assert honour.org == world.c3 and honour.recipient.org == world.c3
    assert honour.state == State.NOMINATED


def test_a_chair_cannot_nominate_outside_her_community(world, login):
    client = login(world.users["street_chair"])
    assert client.get(reverse("families:honour_nominate")).status_code == 403


@pytest.mark.parametrize("state", list(ALLOWED))
def test_awaiting_list_matches_the_allowed_steps(world, honour, state, login):
    walk_to(honour, world.users, state)
    for role in ROLES:
        user = world.users[role]
        expected = bool(set(honour.allowed_actions(user)) - {Action.DISQUALIFY})
        assert Honour.objects.awaiting(user).filter(pk=honour.pk).exists() == expected, role
    decider = next(iter(ALLOWED[state]))
    client = login(world.users[decider])
    page = client.get(reverse("families:honours"), {"awaiting": "true"}).context["page"]
    assert list(page) == [honour]
    home = client.get(reverse("home"))
    assert dict(home.context["panels"])["families/_home.html"]["awaiting"] == 1
