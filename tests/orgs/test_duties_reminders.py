"""Executive members' reminders and to-dos: one email per member with nothing recorded in a
quarter, never twice; the term's end (换届) flagged to the district half a year ahead; the
figures in the dashboard and the read API."""

import datetime

from django.conf import settings
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from federation.portal.api.tokens import issue
from federation.portal.todo import collect
from orgs.duties.reminders import send_duty_reminders
from orgs.duties.todo import terms_ending
from orgs.models import Role
from tests.factories import PersonFactory, PositionFactory, TermFactory, UserFactory
from tests.orgs.factories import DutyFactory, voice_request


def member_account(org, name, email=True):
    person = PersonFactory(org=org, name=name)
    PositionFactory(org=org, person=person)
    user = UserFactory(role=Role.EXECUTIVE_MEMBER, org=org, person=person,
                       email=f"{name}@example.org" if email else "")
    user.date_joined = timezone.make_aware(datetime.datetime(2025, 1, 1))
    user.save()
    return user


def test_a_member_with_nothing_in_a_quarter_is_reminded_once(world, member):
    member.email = "member@example.org"
    member.date_joined = timezone.make_aware(datetime.datetime(2025, 1, 1))
    member.save()
    busy = member_account(world.c3, "忙碌执委")
    member_account(world.c2, "无邮箱执委", email=False)
    DutyFactory(person=busy.person, done_on=datetime.date(2026, 8, 3))
    DutyFactory(person=member.person, done_on=datetime.date(2026, 6, 30))  # the quarter before
    assert send_duty_reminders(datetime.date(2026, 9, 20)) == 0  # mid-quarter: not yet
    assert send_duty_reminders(datetime.date(2026, 10, 2)) == 1
    assert mail.outbox[0].to == ["member@example.org"]
    assert "2026年第3季度" in mail.outbox[0].subject
    assert send_duty_reminders(datetime.date(2026, 10, 3)) == 0  # never twice
    assert send_duty_reminders(datetime.date(2026, 10, 25)) == 0  # too late in the quarter
    assert len(mail.outbox) == 1


def test_reminder_query_count_does_not_grow(world, django_assert_max_num_queries):
    for i in range(10):
        member_account(world.c1, f"执委{i}")
    with django_assert_max_num_queries(3):
        assert send_duty_reminders(datetime.date(2026, 10, 2)) == 10


def test_the_beat_runs_the_duty_reminders_daily():
    entry = settings.CELERY_BEAT_SCHEDULE["duty-reminders"]
    assert entry["task"] == "orgs.tasks.duty_reminders"


def test_terms_ending_are_flagged_to_the_district(world, login):
    today = timezone.localdate()
    soon = TermFactory(org=world.c1, starts_on=today - datetime.timedelta(days=1700),
                       election_date=today - datetime.timedelta(days=1700),
                       ends_on=today + datetime.timedelta(days=120))
    TermFactory(org=world.c3, starts_on=today - datetime.timedelta(days=1000),
                election_date=today - datetime.timedelta(days=1000),
                ends_on=today + datetime.timedelta(days=400))  # not yet
    old = TermFactory(org=world.c2, starts_on=datetime.date(2016, 6, 1),
                      election_date=datetime.date(2016, 6, 1), ends_on=datetime.date(2021, 6, 1))
    TermFactory(org=world.c2, starts_on=datetime.date(2021, 6, 1),  # the next term exists
                election_date=datetime.date(2021, 6, 1),
                ends_on=today + datetime.timedelta(days=900))
    staff = world.users["district_staff"]
    assert list(terms_ending(staff, today)) == [soon]
    assert old not in terms_ending(staff, today)
    items = {i.label: i for i in collect(staff)}
    assert items["半年内任期届满的执委会"].count == 1
    page = login(staff).get(reverse("orgs:duty_terms"))
    assert page.status_code == 200 and world.c1.name in page.content.decode()
    assert "半年内任期届满的执委会" not in {i.label for i in collect(
        world.users["community_chair"])}


def test_requests_waiting_are_on_the_districts_list_and_answers_on_hers(world, member):
    voice = voice_request(DutyFactory(person=member.person))
    items = {i.label: i.count for i in collect(world.users["district_staff"])}
    assert items["执委反映的诉求，尚未接收"] == 1
    voice.status, voice.answer, voice.answered_at = "answered", "已办", timezone.now()
    voice.save()
    assert {i.label: i.count for i in collect(member)}["近30天已答复您的诉求"] == 1


def test_dashboard_tiles_state_the_figures(world, member, login):
    year = timezone.localdate().year
    DutyFactory(person=member.person, done_on=datetime.date(year, 2, 1))
    voice_request(DutyFactory(person=member.person, done_on=datetime.date(year, 2, 2)))
    from orgs.duties.dashboard import tiles

    found = {t.label: t for t in tiles(world.users["district_staff"], year)}
    assert found["履职执委"].value == 1 and found["履职执委"].target == 1
    assert found["执委履职次数"].value == 2
    assert found["反映诉求办结"].value == 0 and found["反映诉求办结"].target == 1
    assert tiles(member, year) == []
    assert login(world.users["district_staff"]).get(reverse("home")).status_code == 200


def test_the_api_states_the_figures_and_refuses_a_member(world, member):
    year = timezone.localdate().year
    DutyFactory(person=member.person, done_on=datetime.date(year, 2, 1), women_reached=4)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Token " + issue(world.users["street_chair"])[1])
    body = client.get(reverse("api:committee_duties")).json()
    assert body["org"] == "S1" and body["members"] == 1 and body["active"] == 1
    assert body["duties"] == 1 and body["women_reached"] == 4
    assert {k["kind"]: k["count"] for k in body["by_kind"]}["contact"] == 1
    assert body["streets"][0]["org"] == "S1"
    assert client.get(reverse("api:committee_duties"), {"org": "S2"}).status_code == 404
    assert client.get(reverse("api:committee_duties"), {"start": "x"}).status_code == 400
    assert "李秀兰" not in str(body)
    own = APIClient()
    own.credentials(HTTP_AUTHORIZATION="Token " + issue(member)[1])
    assert own.get(reverse("api:committee_duties")).status_code == 404
