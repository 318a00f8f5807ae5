"""The change trail: every model of every app, who/when/IP/what, personal data masked,
append-only, searchable by district admins only."""

import pytest
from auditlog.context import set_actor
from auditlog.models import LogEntry
from auditlog.registry import auditlog
from django.apps import apps
from django.conf import settings
from django.db import DatabaseError, connection, models, transaction
from django.test.utils import isolate_apps
from django.urls import reverse
from encrypted_fields.fields import EncryptedCharField

from federation.kernel import audit
from orgs.models import Organization, Person
from tests.factories import PersonFactory
from tests.orgs.test_forms import org_data


def test_every_project_model_is_tracked():
    project = {"federation", "orgs", "families", "rights", "children"}
    for model in apps.get_models():
        label = model._meta.label_lower
        if model._meta.app_label in project and label not in audit.EXCLUDED_MODELS:
            assert auditlog.contains(model), label
    assert auditlog.contains(apps.get_model("otp_totp", "TOTPDevice"))


def test_a_change_through_a_page_records_who_when_where_and_what(world, login):
    client = login(world.users["street_chair"])
    response = client.post(reverse("orgs:create", args=[world.s1.pk]),
                           org_data(parent=world.s1.pk), REMOTE_ADDR="10.9.8.7")
    assert response.status_code == 302
    created = Organization.objects.get(code="C9")
    entry = LogEntry.objects.get_for_object(created).get(action=LogEntry.Action.CREATE)
    assert entry.actor == world.users["street_chair"]
    assert entry.remote_addr == "10.9.8.7"
    assert entry.changes_dict["code"] == ["None", "C9"]


def test_spoofed_forwarded_for_is_ignored_unless_trusted(world, login, settings):
    client = login(world.users["street_chair"])
    client.post(reverse("orgs:create", args=[world.s1.pk]), org_data(parent=world.s1.pk),
                REMOTE_ADDR="10.9.8.7", HTTP_X_FORWARDED_FOR="1.2.3.4")
    assert LogEntry.objects.filter(remote_addr="1.2.3.4").count() == 0


def test_change_and_delete_are_recorded_with_personal_fields_masked(world):
    person = PersonFactory(org=world.c1, name="李秀英", phone="13812345678")
    pk = person.pk
    with set_actor(world.users["district_admin"]):
        person.phone = "13987654321"
        person.workplace = "桃源小学"
        person.save()
        person.delete()
    entries = LogEntry.objects.filter(content_type__model="person",
                                      object_pk=str(pk)).order_by("pk")
    assert [e.action for e in entries] == [LogEntry.Action.CREATE, LogEntry.Action.UPDATE,
                                           LogEntry.Action.DELETE]
    change = entries[1].changes_dict
    assert change["phone"] == ["***", "***"]
    assert change["workplace"] == ["", "桃源小学"]
    everything = str(list(entries.values()))
    assert "13812345678" not in everything and "13987654321" not in everything


@isolate_apps("federation")
def test_records_with_encrypted_columns_hide_names_and_labels():
    class Case(models.Model):
        number = models.CharField(max_length=20)
        complainant_name = models.CharField(max_length=20)
        name = models.CharField(max_length=20)
        id_number = EncryptedCharField(max_length=18)

        class Meta:
            app_label = "federation"
            verbose_name = "case"

        def __str__(self):
            return self.name

    assert set(audit.sensitive_fields(Case)) == {"complainant_name", "name", "id_number"}
    assert audit.entry_label(Case, "7", "王秀英的案件") == "case #7"
    # Public records keep their names: an organization is not a person.
    assert "name" not in audit.sensitive_fields(Organization)
    assert audit.entry_label(Organization, "3", "东湖街道妇联") == "东湖街道妇联"
    assert {"contact_person", "contact_phone"} <= set(audit.sensitive_fields(Organization))


def test_encrypted_and_secret_fields_are_sensitive():
    assert audit.is_sensitive(EncryptedCharField(max_length=10, name="anything"))
    device_fields = audit.sensitive_fields(apps.get_model("otp_totp", "TOTPDevice"))
    assert "key" in device_fields
    assert "password" in audit.sensitive_fields(apps.get_model("orgs", "User"))


def test_retention_is_at_least_180_days():
    assert settings.AUDIT_RETENTION_DAYS >= 180


@pytest.mark.skipif(connection.vendor != "postgresql",
                    reason="the append-only trigger exists on PostgreSQL (production)")
def test_entries_cannot_be_changed_or_deleted_on_postgresql(world):
    PersonFactory(org=world.c1)
    entry = LogEntry.objects.latest("pk")
    for attempt in (lambda: LogEntry.objects.filter(pk=entry.pk).update(object_repr="x"),
                    lambda: LogEntry.objects.filter(pk=entry.pk).delete()):
        with pytest.raises(DatabaseError), transaction.atomic():
            attempt()
    assert LogEntry.objects.filter(pk=entry.pk).exists()


def test_admin_cannot_edit_entries(world, login):
    PersonFactory(org=world.c1)
    entry = LogEntry.objects.latest("pk")
    client = login(world.users["district_admin"])
    response = client.post(reverse("admin:auditlog_logentry_delete", args=[entry.pk]),
                           {"post": "yes"})
    assert response.status_code in (302, 403)
    assert LogEntry.objects.filter(pk=entry.pk).exists()


def test_search_page_is_for_district_admins(world, login):
    with set_actor(world.users["district_staff"]):
        person = PersonFactory(org=world.c1, name="王芳")
    with set_actor(world.users["street_chair"]):
        Person.objects.filter(pk=person.pk).first().save()
    client = login(world.users["district_admin"])
    response = client.get(reverse("audit_changes"), {"actor": "district_staff"})
    assert response.status_code == 200
    rows = list(response.context["page"])
    assert rows and all(r.actor.username == "district_staff" for r in rows)
    assert "审计" in response.content.decode() or "变更" in response.content.decode()
    for role in ("district_staff", "leader", "street_chair", "community_chair"):
        assert login(world.users[role]).get(reverse("audit_changes")).status_code == 403


def test_search_page_query_count_does_not_grow(world, login, get_page):
    client = login(world.users["district_admin"])
    with set_actor(world.users["district_staff"]):
        for _ in range(3):
            PersonFactory(org=world.c1)
    small = get_page(client, reverse("audit_changes"), queries=12, at_most=True).queries
    with set_actor(world.users["district_staff"]):
        for _ in range(30):
            PersonFactory(org=world.c1)
    get_page(client, reverse("audit_changes"), queries=small)


def test_every_download_is_logged_as_an_export_once(world, login, rf):
    from federation.kernel.models import AccessLog, log_access

    client = login(world.users["street_chair"])
    response = client.get(reverse("orgs:export"), REMOTE_ADDR="10.4.4.4")
    assert response.status_code == 200
    entry = AccessLog.objects.get(action="export")
    assert (entry.username, entry.ip, entry.object_type) == ("street_chair", "10.4.4.4",
                                                             "orgs:export")
    assert entry.object_label.startswith("organizations-") and entry.object_label.endswith(
        ".xlsx")
    # A view that logs its own export (with a reason) is not logged twice.
    request = rf.get("/")
    request.user = world.users["street_chair"]
    log_access(request, world.c1, AccessLog.Action.EXPORT, reason="年度统计")
    assert request.export_logged
