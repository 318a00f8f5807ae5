"""Closed records are anonymized after the archive period; statistics stay."""

import datetime

from django.core.management import call_command
from django.urls import reverse

from children.models import Child, Grant, Pairing, Visit
from children.services import anonymize_closed
from federation.kernel.models import AccessLog
from tests.children.factories import ChildFactory, GrantFactory, PairingFactory, VisitFactory


def test_closed_records_are_anonymized_after_the_archive_period(world):
    today = datetime.date(2026, 6, 1)
    old = ChildFactory(org=world.c1, is_active=False, closed_on=datetime.date(2022, 1, 1))
    PairingFactory(child=old, manager=world.users["district_staff"], mother_phone="13800001111")
    VisitFactory(child=old, notes="家访记录")
    GrantFactory(child=old)
    recent = ChildFactory(org=world.c1, is_active=False, closed_on=datetime.date(2025, 1, 1))
    active = ChildFactory(org=world.c1)
    assert anonymize_closed(today, years=3) == 1
    old.refresh_from_db()
    assert (old.name, old.id_number, old.guardian_name, old.situation) == (None,) * 4
    assert old.name_hash == "" and old.id_hash == "" and old.anonymized_at
    assert Visit.objects.get(child=old).notes is None
    assert Pairing.objects.get(child=old).mother_phone is None
    assert Grant.objects.filter(child=old).count() == 1  # the money paid stays counted
    assert Child.objects.get(pk=recent.pk).name and Child.objects.get(pk=active.pk).name
    entry = AccessLog.objects.get(action="anonymize")
    assert entry.object_label == old.record_no
    assert anonymize_closed(today, years=3) == 0  # done once


def test_command_and_the_page_of_an_anonymized_record(world, login):
    child = ChildFactory(org=world.c1, is_active=False, closed_on=datetime.date(2015, 1, 1))
    call_command("anonymize_children", "--years", "3")
    page = login(world.users["district_staff"]).get(reverse("children:child", args=[child.pk]))
    assert page.status_code == 200


def test_ending_assistance_needs_a_date(world, login):
    child = ChildFactory(org=world.c1)
    client = login(world.users["district_staff"])
    data = {"name": child.name, "id_number": child.id_number, "gender": "F",
            "birth_year": 2015, "category": "left_behind", "org": world.c1.pk}
    response = client.post(reverse("children:child_edit", args=[child.pk]), data)
    assert "closed_on" in response.context["form"].errors
    data["closed_on"] = "2025-05-01"
    assert client.post(reverse("children:child_edit", args=[child.pk]), data).status_code == 302
    assert Child.objects.get(pk=child.pk).closed_on == datetime.date(2025, 5, 1)
