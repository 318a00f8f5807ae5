"""Executive members' duties: a member sees and edits only her own records; her community
chair records for her and sees her organization's; higher levels see their subtree; every
duty URL is walked as each role against records out of its scope."""

import pytest
from django.urls import reverse

from orgs.duties.models import Duty
from orgs.models import Role
from tests.factories import PersonFactory, PositionFactory, UserFactory
from tests.orgs.duty_urls import duty_cases
from tests.orgs.factories import DutyFactory, voice_request
from tests.urlwalk import walk


def member_of(org, name="王桂英"):
    person = PersonFactory(org=org, name=name)
    PositionFactory(org=org, person=person)
    return person


@pytest.fixture
def records(world, member):
    """Her duty, a colleague's in C1, one in C2 (same street) and one in C3 (other street)."""
    colleague, c2, c3 = member_of(world.c1, "赵红梅"), member_of(world.c2), member_of(world.c3)
    return {
        "own": DutyFactory(person=member.person, text="她自己的走访"),
        "colleague": DutyFactory(person=colleague, text="同事的走访"),
        "c2": DutyFactory(person=c2, text="柳岸村的走访"),
        "c3": DutyFactory(person=c3, text="青云社区的走访"),
    }


def test_a_member_sees_only_her_own_records(world, member, records, login):
    client = login(member)
    page = client.get(reverse("orgs:duties"))
    assert page.status_code == 200
    text = page.content.decode()
    assert "她自己的走访" in text
    assert "同事的走访" not in text and "柳岸村的走访" not in text
    assert client.get(reverse("orgs:duty", args=[records["own"].pk])).status_code == 200
    for other in ("colleague", "c2", "c3"):
        duty = records[other]
        voice = voice_request(duty)
        assert walk(client, {k: v for k, v in duty_cases(duty, voice).items() if v}) == [], other


def test_a_member_edits_her_own_record_and_no_one_elses(world, member, records, login):
    client = login(member)
    own = records["own"]
    response = client.post(reverse("orgs:duty_edit", args=[own.pk]), {
        "person": member.person_id, "kind": own.kind_id, "done_on": own.done_on.isoformat(),
        "women_reached": 8, "text": "改过的记录"})
    assert response.status_code == 302
    own.refresh_from_db()
    assert own.women_reached == 8 and own.text == "改过的记录"
    # Posting someone else's person id with her own form records nothing for that person.
    before = Duty.objects.count()
    response = client.post(reverse("orgs:duty_create"), {
        "person": records["colleague"].person_id, "kind": own.kind_id,
        "done_on": own.done_on.isoformat(), "text": "冒名"})
    assert response.status_code == 200 and Duty.objects.count() == before


def test_a_member_reaches_nothing_else_of_the_portal(world, member, records, login):
    client = login(member)
    assert client.get(reverse("orgs:detail", args=[world.c1.pk])).status_code == 404
    for name in ("orgs:duty_review", "orgs:duty_idle", "orgs:duty_terms"):
        assert client.get(reverse(name)).status_code == 403, name
    assert client.get(reverse("orgs:activity_create")).status_code == 403
    listed = client.get(reverse("orgs:list")).content.decode()
    assert reverse("orgs:detail", args=[world.c1.pk]) not in listed
    assert not member.can_write and member.scope_path is None


def test_the_community_chair_records_for_her_and_sees_her_organizations(
        world, member, records, login):
    chair = login(world.users["community_chair"])
    form = chair.get(reverse("orgs:duty_create"))
    assert form.status_code == 200 and "李秀兰" in form.content.decode()
    response = chair.post(reverse("orgs:duty_create"), {
        "person": member.person_id, "kind": records["own"].kind_id,
        "done_on": records["own"].done_on.isoformat(), "women_reached": 3,
        "text": "主席代为记录"})
    assert response.status_code == 302
    duty = Duty.objects.get(text="主席代为记录")
    assert duty.person == member.person and duty.org == world.c1
    assert duty.recorded_by == world.users["community_chair"]
    text = chair.get(reverse("orgs:duties")).content.decode()
    assert "她自己的走访" in text and "同事的走访" in text and "主席代为记录" in text
    assert "柳岸村的走访" not in text and "青云社区的走访" not in text
    # ...and the member sees what her chair recorded for her.
    assert "主席代为记录" in login(member).get(reverse("orgs:duties")).content.decode()


def test_a_chair_cannot_record_for_a_member_outside_her_subtree(world, records, login):
    chair = login(world.users["community_chair"])
    url = reverse("orgs:duty_create") + f"?person={records['c3'].person_id}"
    assert chair.get(url).status_code == 404
    assert chair.get(reverse("orgs:duty_create") + "?person=abc").status_code == 404


def test_higher_levels_see_their_subtree(world, records, login):
    street = login(world.users["street_chair"]).get(reverse("orgs:duties")).content.decode()
    assert "柳岸村的走访" in street and "她自己的走访" in street
    assert "青云社区的走访" not in street
    district = login(world.users["district_staff"]).get(reverse("orgs:duties")).content.decode()
    assert "青云社区的走访" in district


@pytest.mark.parametrize("role, target", [
    ("community_chair", "c2"), ("community_chair", "c3"), ("street_chair", "c3"),
    ("other_street_chair", "c1"), ("other_community_chair", "c2")])
def test_out_of_scope_records_are_not_found(world, records, login, role, target):
    duty = records[target] if target != "c1" else records["own"]
    voice = voice_request(duty)
    cases = {k: v for k, v in duty_cases(duty, voice).items() if v}
    assert walk(login(world.users[role]), cases) == []


def test_a_leader_reads_but_records_nothing(world, records, login):
    client = login(world.users["leader"])
    assert client.get(reverse("orgs:duty", args=[records["c3"].pk])).status_code == 200
    assert client.get(reverse("orgs:duty_create")).status_code == 403
    voice = voice_request(records["c3"])
    assert client.post(reverse("orgs:duty_request_answer", args=[voice.pk]),
                       {"answer": "x"}).status_code == 403


def test_a_member_account_without_a_committee_record_sees_nothing(world, records, login):
    lonely = UserFactory(role=Role.EXECUTIVE_MEMBER, org=world.c1)
    client = login(lonely)
    assert "她自己的走访" not in client.get(reverse("orgs:duties")).content.decode()
    assert client.get(reverse("orgs:duty_create")).status_code == 403


def test_a_district_admin_gives_a_member_a_login(world, login):
    person = member_of(world.c2, "陈玉兰")
    admin = login(world.users["district_admin"])
    page = admin.get(reverse("orgs:person", args=[person.pk])).content.decode()
    url = reverse("orgs:duty_member_account", args=[person.pk])
    assert url in page
    response = admin.post(url, {"username": "chen_yulan", "email": "chen@example.org"})
    assert response.status_code == 302
    account = type(world.users["district_admin"]).objects.get(username="chen_yulan")
    assert account.role == Role.EXECUTIVE_MEMBER and account.person == person
    assert account.org == world.c2 and account.must_change_password
    assert url not in admin.get(reverse("orgs:person", args=[person.pk])).content.decode()
    admin.post(url, {"username": "second", "email": ""})  # she has one already
    assert not type(account).objects.filter(username="second").exists()


def test_only_admins_and_street_chairs_give_logins_in_their_subtree(world, login):
    person = member_of(world.c3, "周丽华")
    url = reverse("orgs:duty_member_account", args=[person.pk])
    assert login(world.users["community_chair"]).get(url).status_code == 403
    assert login(world.users["street_chair"]).get(url).status_code == 404  # other street
    assert login(world.users["other_street_chair"]).get(url).status_code == 200
