"""Personal data: encrypted at rest, masked in lists and exports, unmasked only with a
stated reason, every access logged, kept out of URLs and error reports, anonymized later."""

import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from federation.kernel.models import AccessLog
from federation.kernel.privacy import lookup_hash
from rights.models import Case, Complainant, Outcome, Status
from tests.rights.factories import (
    VALID_ID,
    ActionFactory,
    CaseFactory,
    ComplainantFactory,
    make_rights_staff,
)

TODAY = timezone.localdate()


@pytest.fixture
def staff(world):
    return make_rights_staff(world.users["district_staff"])


@pytest.fixture
def case(world, staff):
    complainant = ComplainantFactory(org=world.c1, name="陈桂英", phone="13812345678",
                                     id_number=VALID_ID, address="东湖街道桃源社区12栋3单元")
    return CaseFactory(org=world.c1, complainant=complainant, registered_by=staff,
                       handler=staff, summary="丈夫多次殴打", other_party="张建国")


def raw_row(table: str, columns: str, pk: int) -> tuple:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {columns} FROM {table} WHERE id = %s", [pk])  # noqa: S608
        return cursor.fetchone()


def test_database_columns_hold_no_plaintext(case):
    stored = raw_row("rights_complainant", "name, id_number, phone, address, id_hash, phone_hash",
                     case.complainant_id)
    dump = " ".join(str(v) for v in stored)
    for plain in ("陈桂英", VALID_ID, "13812345678", "桃源社区", "1949"):
        assert plain not in dump
    assert stored[4] == lookup_hash(VALID_ID, "id") and stored[5] == lookup_hash(
        "13812345678", "phone")
    summary, other = raw_row("rights_case", "summary, other_party", case.pk)
    assert "殴打" not in summary and "张建国" not in other
    fresh = Complainant.objects.get(pk=case.complainant_id)  # and it decrypts
    assert (fresh.name, fresh.id_number) == ("陈桂英", VALID_ID)


def test_lists_and_exports_are_masked(world, login, staff, case):
    client = login(staff)
    page = client.get(reverse("rights:case_list")).content.decode()
    assert "陈*英" in page and "陈桂英" not in page
    detail = client.get(reverse("rights:case_detail", args=[case.pk])).content.decode()
    assert "138****5678" in detail and "110***********002X" in detail
    assert "13812345678" not in detail and VALID_ID not in detail and "张建国" not in detail
    for url in (reverse("rights:case_export"), reverse("rights:case_export_one", args=[case.pk])):
        sheet = load_workbook(io.BytesIO(client.get(url).content)).active
        cells = " ".join(str(c) for row in sheet.iter_rows(values_only=True) for c in row)
        assert "陈*英" in cells and "138****5678" in cells
        assert "陈桂英" not in cells and "13812345678" not in cells and "殴打" not in cells
        assert "district_staff" in str(list(sheet.iter_rows(values_only=True))[-1][0])


def test_full_display_needs_a_stated_reason_and_is_logged(world, login, staff, case):
    client = login(staff)
    url = reverse("rights:case_unmask", args=[case.pk])
    form = client.get(url).content.decode()  # the button says what it does, not "保存"
    assert "显示完整信息（理由记入访问日志）" in form and ">保存<" not in form
    refused = client.post(url, {"reason": ""})
    assert refused.status_code == 200 and "陈桂英" not in refused.content.decode()
    assert not AccessLog.objects.filter(action="unmask").exists()
    shown = client.post(url, {"reason": "联系当事人安排调解"}).content.decode()
    assert "陈桂英" in shown and VALID_ID in shown and "13812345678" in shown
    entry = AccessLog.objects.get(action="unmask")
    assert (entry.reason, entry.object_label, entry.username) == (
        "联系当事人安排调解", case.number, "district_staff")


def test_every_view_change_and_export_is_logged(world, login, staff, case):
    client = login(staff)
    client.get(reverse("rights:case_detail", args=[case.pk]))
    client.get(reverse("rights:case_export_one", args=[case.pk]))
    client.get(reverse("rights:case_export"))
    client.post(reverse("rights:case_extend", args=[case.pk]), {"version": case.version})
    log = AccessLog.objects.order_by("pk")
    assert [(e.action, e.object_label) for e in log] == [
        ("view", case.number), ("export", case.number), ("export", "case list"),
        ("change", case.number)]
    dump = " ".join(f"{e.object_label} {e.reason} {e.detail}" for e in log)
    assert "陈" not in dump and "138" not in dump
    admin = login(world.users["district_admin"])
    found = admin.get(reverse("access_log"), {"object_label": case.number})
    assert found.context["page"].paginator.count == 3


def test_nothing_personal_in_urls_or_error_reports(world, login, staff, case):
    client = login(staff)
    response = client.post(reverse("rights:case_create"), {"name": "陈桂英",
                                                           "phone": "13812345678"})
    assert response.status_code == 200  # invalid: re-rendered, never redirected with data
    request = response.wsgi_request
    assert request.sensitive_post_parameters == "__ALL__"
    assert str(case.complainant) == f"complainant #{case.complainant_id}"
    assert str(case) == case.number
    for link in (case.get_absolute_url(), reverse("rights:case_list")):
        assert "陈" not in link and "138" not in link


def test_id_numbers_are_checked(world, login, staff):
    bad = "110105194912310021"  # wrong check digit
    response = login(staff).post(reverse("rights:case_create"), {"id_number": bad})
    errors = response.context["form"].errors["id_number"]
    assert errors and not Case.objects.exists()
    response = login(staff).post(reverse("rights:case_create"), {"id_number": "19491231"})
    assert response.context["form"].errors["id_number"]


def test_anonymize_closed_cases_older_than_n_years(world, staff, case):
    old = TODAY.replace(year=TODAY.year - 6)
    outcome = Outcome.objects.get(code="advice")
    Case.objects.filter(pk=case.pk).update(status=Status.CLOSED, received_on=old,
                                           closed_on=old, outcome=outcome)
    ActionFactory(case=case, by=staff, notes="上门走访记录", next_step="回访")
    recent = CaseFactory(org=world.c1, registered_by=staff, status=Status.CLOSED,
                         closed_on=TODAY, outcome=outcome)
    old_open = CaseFactory(org=world.c1, registered_by=staff, received_on=old)
    out = io.StringIO()
    call_command("anonymize_cases", "--years", "5", stdout=out)
    assert "1 closed cases anonymized" in out.getvalue()
    case.refresh_from_db()
    person = Complainant.objects.get(pk=case.complainant_id)
    assert (person.name, person.phone, person.id_number, person.address) == (None,) * 4
    assert person.id_hash == person.phone_hash == ""
    assert case.summary is None and case.other_party is None and case.anonymized_at
    assert case.actions.get().notes is None
    assert case.category_id and case.status == Status.CLOSED  # counts survive
    for kept in (recent, old_open):
        kept.refresh_from_db()
        assert kept.summary and kept.complainant.name
    assert AccessLog.objects.get(action="anonymize").object_label == case.number
    call_command("anonymize_cases", "--years", "5", stdout=out)  # idempotent
    assert AccessLog.objects.filter(action="anonymize").count() == 1


def _forget_keys():
    from django.apps import apps
    from encrypted_fields.fields import EncryptedFieldMixin

    for model in apps.get_app_config("rights").get_models():
        for field in model._meta.concrete_fields:
            if isinstance(field, EncryptedFieldMixin):
                field.__dict__.pop("keys", None)
                field.__dict__.pop("f", None)


def test_key_rotation_re_encrypts_case_data(settings, case):
    old_keys = list(settings.SALT_KEY) if isinstance(settings.SALT_KEY, list) \
        else [settings.SALT_KEY]
    before = raw_row("rights_complainant", "name", case.complainant_id)[0]
    try:
        settings.SALT_KEY = ["rotated-key-2026", *old_keys]
        _forget_keys()
        call_command("reencrypt", stdout=io.StringIO())
        settings.SALT_KEY = ["rotated-key-2026"]  # the old key is gone
        _forget_keys()
        after = raw_row("rights_complainant", "name", case.complainant_id)[0]
        assert after != before and "陈桂英" not in after
        assert Complainant.objects.get(pk=case.complainant_id).name == "陈桂英"
        assert Case.objects.get(pk=case.pk).summary == "丈夫多次殴打"
    finally:
        settings.SALT_KEY = old_keys
        _forget_keys()


def test_retention_period_comes_from_settings(settings, world, staff, case):
    settings.RIGHTS_RETENTION_YEARS = 1
    two_years_ago = TODAY.replace(year=TODAY.year - 2)
    Case.objects.filter(pk=case.pk).update(status=Status.CLOSED, received_on=two_years_ago,
                                           closed_on=two_years_ago)
    call_command("anonymize_cases", stdout=io.StringIO())
    case.refresh_from_db()
    assert case.anonymized_at is not None
