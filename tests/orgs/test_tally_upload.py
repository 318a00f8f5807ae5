"""The Excel round trip: a pre-filled download, an atomic upload with per-cell errors."""

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from orgs.tallies.models import Tally, TallyState, TallyValue
from tests.orgs.factories import ActivityFactory, TallyFactory, put

MARCH = datetime.date(2025, 3, 1)


def download(client, month=MARCH):
    response = client.get(reverse("orgs:tally_download", args=[month.year, month.month]))
    assert response.status_code == 200
    return load_workbook(io.BytesIO(response.content))


def upload(client, wb, submit=False):
    buffer = io.BytesIO()
    wb.save(buffer)
    data = {"file": SimpleUploadedFile("tally.xlsx", buffer.getvalue())}
    if submit:
        data["submit"] = "on"
    return client.post(reverse("orgs:tally_upload"), data)


def set_value(ws, code, value, confirm=None):
    for row in ws.iter_rows(min_row=2):
        if row[3].value == code:
            row[7].value = value
            row[8].value = confirm
            return
    raise AssertionError(code)


@pytest.mark.django_db
def test_download_is_prefilled_with_last_year_and_activity_log(world, login):
    put(TallyFactory(org=world.c1, month=datetime.date(2024, 3, 1)), lectures=4)
    ActivityFactory(org=world.c1, starts_on=datetime.date(2025, 3, 5))
    ws = download(login(world.users["community_chair"])).worksheets[0]
    rows = {r[3]: r for r in ws.iter_rows(min_row=2, values_only=True)}
    assert rows["lectures"][0] == "C1" and rows["lectures"][2] == "2025-03"
    assert rows["lectures"][4] == "宣讲场次"
    assert rows["lectures"][6] == 4 and isinstance(rows["lectures"][6], int)  # a number
    assert rows["lectures"][7] == 1  # from the activity log
    assert rows["cervical_screening"][7] is None


@pytest.mark.django_db
def test_chair_submits_a_month_by_upload(world, login):
    client = login(world.users["community_chair"])
    wb = download(client)
    ws = wb.worksheets[0]
    set_value(ws, "lectures", 3)
    set_value(ws, "disputes_mediated", 0)
    set_value(ws, "funds_raised", 1200.5)
    response = upload(client, wb, submit=True)
    assert response.status_code == 302
    tally = Tally.objects.get(org=world.c1, month=MARCH)
    assert tally.state == TallyState.SUBMITTED and tally.first_submitted_at
    values = {v.indicator.code: v.value for v in tally.values.select_related("indicator")}
    assert values["lectures"] == 3 and values["disputes_mediated"] == 0
    assert float(values["funds_raised"]) == 1200.5
    assert "cervical_screening" not in values
    assert tally.changes.count() == 3


@pytest.mark.django_db
def test_every_bad_cell_is_reported_and_nothing_saved(world, login):
    put(TallyFactory(org=world.c1, month=datetime.date(2024, 3, 1)), cervical_screening=10)
    client = login(world.users["community_chair"])
    wb = download(client)
    ws = wb.worksheets[0]
    set_value(ws, "lectures", "三场")
    set_value(ws, "trainees", -4)
    set_value(ws, "cervical_screening", 40)  # 4x last year, not confirmed
    set_value(ws, "breast_screening", 50001)
    set_value(ws, "new_jobs", 2)
    ws.append(["C3", "", "2025-03", "lectures", "", "", "", 1])  # not her organization
    ws.append(["C1", "", "2025-03", "no_such_code", "", "", "", 1])
    response = upload(client, wb)
    assert response.status_code == 200
    errors = response.context["errors"]
    assert len(errors) == 6, [(e.row, e.column, e.message) for e in errors]
    assert all(e.sheet and e.row and e.message for e in errors)
    assert any("C3" in e.message for e in errors)
    assert sorted(e.row for e in errors) == sorted({e.row for e in errors})  # one per cell
    assert not Tally.objects.filter(month=MARCH).exists() and TallyValue.objects.count() == 1


@pytest.mark.django_db
def test_confirmed_outlier_is_accepted_and_flagged(world, login):
    put(TallyFactory(org=world.c1, month=datetime.date(2024, 3, 1)), cervical_screening=10)
    client = login(world.users["community_chair"])
    wb = download(client)
    set_value(wb.worksheets[0], "cervical_screening", 40, "是")
    assert upload(client, wb).status_code == 302
    value = TallyValue.objects.get(tally__month=MARCH, indicator__code="cervical_screening")
    assert value.value == 40 and value.flagged


@pytest.mark.django_db
@pytest.mark.parametrize("content", [b"not a workbook at all", b""])
def test_corrupt_or_wrong_files_are_refused(world, login, content):
    client = login(world.users["community_chair"])
    response = client.post(reverse("orgs:tally_upload"),
                           {"file": SimpleUploadedFile("x.xlsx", content)})
    assert response.status_code == 200
    assert response.context["errors"] or response.context["form"].errors
    assert not Tally.objects.exists()


@pytest.mark.django_db
def test_wrong_template_is_refused(world, login):
    client = login(world.users["community_chair"])
    wb = Workbook()
    wb.active.append(["姓名", "电话"])
    response = upload(client, wb)
    assert response.context["errors"] and not Tally.objects.exists()


@pytest.mark.django_db
def test_submitted_tally_cannot_be_overwritten_by_upload(world, login):
    put(TallyFactory(org=world.c1, state=TallyState.SUBMITTED), lectures=2)
    client = login(world.users["community_chair"])
    wb = download(client)
    set_value(wb.worksheets[0], "lectures", 9)
    response = upload(client, wb)
    assert response.context["errors"]
    assert TallyValue.objects.get().value == 2


@pytest.mark.django_db
def test_only_chairs_of_a_street_or_community_download(world, login):
    for role in ("district_staff", "leader"):
        response = login(world.users[role]).get(reverse("orgs:tally_download", args=[2025, 3]))
        assert response.status_code in (403, 404), role


@pytest.mark.django_db
def test_a_save_racing_the_upload_refuses_the_whole_file(world, login, monkeypatch):
    from orgs.tallies import services as tallies
    client = login(world.users["community_chair"])
    wb = download(client)
    set_value(wb.worksheets[0], "lectures", 9)
    original = tallies.save_values

    def racing(tally, user, values, flags, expected_version):
        if tally.pk is None:
            tally = Tally.objects.create(org=tally.org, month=tally.month)
        Tally.objects.filter(pk=tally.pk).update(version=5)  # someone else saved meanwhile
        return original(tally, user, values, flags, expected_version)

    monkeypatch.setattr(tallies, "save_values", racing)
    response = upload(client, wb)
    assert response.status_code == 302 and response["Location"] == reverse("orgs:tally_upload")
    assert not TallyValue.objects.exists()
