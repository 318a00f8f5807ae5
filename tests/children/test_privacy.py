"""Children's records: encrypted at rest, masked in lists and exports, every view logged,
seen only by district staff, the child's street/community chair and a current pairing's
volunteer manager; leaders see figures, never a name."""

import datetime
import io

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from children.models import Child
from federation.kernel.models import AccessLog
from federation.kernel.privacy import lookup_hash
from tests.children.factories import (
    ChildFactory,
    GrantFactory,
    PairingFactory,
    VisitFactory,
    resident_id,
)
from tests.factories import UserFactory

NAME = "林小梅"


@pytest.fixture
def child(world):
    child = ChildFactory(org=world.c1, name=NAME, id_number=resident_id(7),
                         guardian_name="林奶奶", situation="父母在外务工")
    PairingFactory(child=child, manager=world.users["district_staff"], mother_name="周秀英")
    VisitFactory(child=child, notes="辅导作业")
    GrantFactory(child=child)
    return child


def test_names_and_id_numbers_are_not_stored_in_plaintext(child):
    with connection.cursor() as cursor:
        cursor.execute("SELECT name, id_number, guardian_name, situation, name_hash, id_hash "
                       "FROM children_child WHERE id = %s", [child.pk])
        row = cursor.fetchone()
        cursor.execute("SELECT notes FROM children_visit WHERE child_id = %s", [child.pk])
        notes = cursor.fetchone()[0]
    stored = " ".join(str(v) for v in row) + notes
    for secret in (NAME, resident_id(7), resident_id(7)[-4:] + "X", "林奶奶", "父母在外务工",
                   "辅导作业"):
        assert secret not in stored
    assert row[4] == lookup_hash(NAME, "child_name") and row[5] == lookup_hash(
        resident_id(7), "resident_id")
    assert Child.objects.get(pk=child.pk).name == NAME  # and it decrypts


def test_list_and_export_are_masked_and_logged(world, login, child):
    client = login(world.users["district_staff"])
    page = client.get(reverse("children:children")).content.decode()
    assert NAME not in page and "林*梅" in page and resident_id(7) not in page
    assert "110***********" in page
    response = client.get(reverse("children:child_export"))
    cells = [c for row in load_workbook(io.BytesIO(response.content)).active.iter_rows(
        values_only=True) for c in row]
    assert NAME not in cells and "林*梅" in cells and resident_id(7) not in cells
    grants = client.get(reverse("children:grant_export"))
    cells = [c for row in load_workbook(io.BytesIO(grants.content)).active.iter_rows(
        values_only=True) for c in row]
    assert NAME not in cells and child.record_no in cells
    last_row = list(load_workbook(io.BytesIO(grants.content)).active.iter_rows(
        values_only=True))[-1]
    assert "district_staff" in last_row[0]  # watermarked with the user and the time
    actions = list(AccessLog.objects.order_by("pk").values_list("action", "object_type"))
    assert actions == [("view", "children.child"), ("export", "children.child"),
                       ("export", "children.grant")]


def test_every_view_of_a_record_is_logged_without_personal_data(world, login, child):
    client = login(world.users["street_chair"])
    response = client.get(reverse("children:child", args=[child.pk]))
    body = response.content.decode()
    assert response.status_code == 200 and NAME not in body and "林*梅" in body
    assert resident_id(7) not in body
    entry = AccessLog.objects.get()
    assert (entry.action, entry.object_id, entry.object_label, entry.username) == (
        "view", str(child.pk), child.record_no, "street_chair")
    assert NAME not in str(entry.__dict__)


def test_showing_in_full_takes_a_reason_and_is_logged(world, login, child):
    client = login(world.users["community_chair"])
    url = reverse("children:child", args=[child.pk])
    refused = client.post(url, {"reason": ""})
    assert NAME not in refused.content.decode() and refused.context["unmask_form"].errors
    shown = client.post(url, {"reason": "核对春蕾计划资助名单"}).content.decode()
    assert NAME in shown and resident_id(7) in shown
    entry = AccessLog.objects.filter(action="unmask").get()
    assert entry.reason == "核对春蕾计划资助名单" and entry.object_label == child.record_no


def test_name_search_uses_the_keyed_hash(world, login, child):
    ChildFactory(org=world.c1, name="王小明")
    client = login(world.users["district_staff"])
    response = client.post(reverse("children:children"), {"name": NAME}, follow=True)
    assert [c.pk for c in response.context["page"]] == [child.pk]
    assert NAME not in response.redirect_chain[-1][0]


@pytest.mark.parametrize("role", ["district_staff", "district_admin", "street_chair",
                                  "community_chair"])
def test_authorised_roles_see_the_record(world, login, child, role):
    client = login(world.users[role])
    assert client.get(reverse("children:child", args=[child.pk])).status_code == 200
    assert client.get(reverse("children:children")).context["page"].paginator.count == 1


@pytest.mark.parametrize("role", ["other_street_chair", "other_community_chair"])
def test_unauthorised_chairs_get_404(world, login, child, role):
    client = login(world.users[role])
    for name in ("children:child", "children:child_edit"):
        assert client.get(reverse(name, args=[child.pk])).status_code == 404
    for name in ("children:pairing_create", "children:visit_create", "children:grant_create"):
        assert client.get(reverse(name, args=[child.pk])).status_code == 404
    assert client.get(reverse("children:children")).context["page"].paginator.count == 0
    assert client.get(reverse("children:grants")).context["page"].paginator.count == 0
    assert NAME not in client.get(reverse("children:child_export")).content.decode("latin-1")


def test_a_volunteer_manager_sees_the_child_only_while_the_pairing_lasts(world, login, child):
    manager = world.users["other_street_chair"]
    client = login(manager)
    assert client.get(reverse("children:child", args=[child.pk])).status_code == 404
    pairing = PairingFactory(child=child, manager=manager, since=datetime.date(2024, 1, 1))
    assert client.get(reverse("children:child", args=[child.pk])).status_code == 200
    assert client.get(reverse("children:children")).context["page"].paginator.count == 1
    pairing.until = timezone.localdate() - datetime.timedelta(days=1)
    pairing.save()
    assert client.get(reverse("children:child", args=[child.pk])).status_code == 404


def test_a_user_without_an_organization_sees_nothing(world, login, child):
    client = login(UserFactory(role="district_staff", org=None))
    assert client.get(reverse("children:child", args=[child.pk])).status_code == 404


def test_leader_sees_the_overview_but_never_a_child_name(world, login, child):
    client = login(world.users["leader"])
    overview = client.get(reverse("children:overview"))
    assert overview.status_code == 200
    assert overview.context["grants"]["count"] == 1  # figures include the child's grant
    pages = [overview, client.get(reverse("home"))]
    for name in ("children:projects", "children:rooms", "children:rooms_due",
                 "children:experts"):
        pages.append(client.get(reverse(name)))
    for response in pages:
        assert response.status_code == 200
        body = response.content.decode()
        assert NAME not in body and "林*梅" not in body and child.record_no not in body
    for name, args in [("children:children", []), ("children:child_export", []),
                       ("children:grants", []), ("children:grant_export", []),
                       ("children:child", [child.pk])]:
        assert client.get(reverse(name, args=args)).status_code == 403
    assert not AccessLog.objects.exists()


def test_duplicate_id_numbers_are_refused(world, login, child):
    client = login(world.users["district_staff"])
    response = client.post(reverse("children:child_create"), {
        "name": "李四", "id_number": resident_id(7), "gender": "M", "birth_year": 2015,
        "category": "left_behind", "org": world.c1.pk, "is_active": "on"})
    assert "id_number" in response.context["form"].errors
    bad = client.post(reverse("children:child_create"), {
        "name": "李四", "id_number": "110105201506010071", "gender": "M", "birth_year": 2015,
        "category": "left_behind", "org": world.c1.pk})
    assert "id_number" in bad.context["form"].errors
    assert Child.objects.count() == 1


def test_registering_a_child_is_logged_with_the_record_number(world, login):
    client = login(world.users["community_chair"])
    response = client.post(reverse("children:child_create"), {
        "name": "王小明", "id_number": resident_id(8), "gender": "M", "birth_year": 2015,
        "category": "difficulty", "org": world.c1.pk, "is_active": "on"})
    child = Child.objects.get()
    assert response["Location"] == child.get_absolute_url()
    assert "王小明" not in response["Location"]
    entry = AccessLog.objects.get(action="create")
    assert entry.object_label == child.record_no and child.record_no.startswith("ER")


def test_a_child_belongs_to_a_community(world, login):
    client = login(world.users["district_staff"])
    form = client.get(reverse("children:child_create")).context["form"]
    assert set(form.fields["org"].queryset) == {world.c1, world.c2, world.c3}
