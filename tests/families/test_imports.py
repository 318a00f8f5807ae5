"""Excel imports of households and of an inspection round: atomic, with per-cell errors."""

import datetime
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from families.imports import household_sheet
from families.models import Household, Inspection, InspectionRound, ScoreSheet
from tests.factories import PositionFactory
from tests.families.factories import HouseholdFactory, xlsx


def upload(client, url, data):
    return client.post(url, {"file": data})


def errors_of(response):
    return [(e.row, e.column, e.message) for e in response.context["errors"]]


@pytest.fixture
def client_c1(world, login):
    return login(world.users["community_chair"])


def test_template_downloads_and_reimports_empty(world, client_c1):
    response = client_c1.get(reverse("families:household_import_template"))
    wb = load_workbook(io.BytesIO(response.content))
    header = [c.value for c in wb.worksheets[0][1]]
    assert len(header) == 8


def good_rows():
    return [["C1", "赵丽华", 3, "桃源路8号", "13912345678", "是", "2025-03-01", "书香庭院、花香庭院"],
            ["C1", "钱秀兰", 2, "桃源路9号", "", "否", None, None]]


def households_xlsx(rows, header=None):
    with_header = [header or HEADER_EN(), *rows]
    return xlsx({"Households": with_header})


def HEADER_EN():
    return ["community/village code", "head of household", "members", "address", "phone",
            "in the courtyard campaign", "joined the campaign on", "special-courtyard categories"]


def test_good_file_imports_everything(world, client_c1):
    response = upload(client_c1, reverse("families:household_import"), households_xlsx(good_rows()))
    assert response.status_code == 302
    zhao = Household.objects.get(head_name="赵丽华")
    assert zhao.in_campaign and zhao.joined_on == datetime.date(2025, 3, 1)
    assert sorted(c.code for c in zhao.categories.all()) == ["flowers", "reading"]
    assert Household.objects.count() == 2


def test_bad_cells_are_all_reported_and_nothing_is_saved(world, client_c1):
    HouseholdFactory(org=world.c1, head_name="孙红梅", address="桃源路1号")
    rows = [*good_rows(),
            ["C1", "李某", "三", "桃源路10号", "", "是", None, "不存在的类别"],  # text in a number cell
            ["C3", "周某", 2, "青云路1号", "", "否", None, None],  # outside her scope
            ["C1", "孙红梅", 2, "桃源路1号", "", "否", None, None],  # already registered
            ["C1", "赵丽华", 3, "桃源路8号", "", "否", None, None]]  # duplicate of row 2
    response = upload(client_c1, reverse("families:household_import"), households_xlsx(rows))
    assert response.status_code == 200
    errors = errors_of(response)
    header = {c.key: str(c.header) for c in household_sheet().columns}
    assert {(row, col) for row, col, _msg in errors} == {
        (4, header["members"]), (4, header["categories"]), (4, header["joined_on"]),
        (5, header["org"]), (6, header["head_name"]), (7, header["head_name"])}
    assert "2" in next(m for r, _c, m in errors if r == 7)  # points at the first copy
    assert Household.objects.count() == 1  # only the pre-existing one


@pytest.mark.parametrize("payload", [
    b"",  # empty
    b"this is not a workbook",  # not a zip
    b"PK\x03\x04broken zip",  # corrupt
])
def test_unusable_files_are_refused(world, client_c1, payload):
    data = io.BytesIO(payload)
    data.name = "x.xlsx"
    response = upload(client_c1, reverse("families:household_import"), data)
    assert response.status_code == 200
    assert response.context["errors"] or response.context["form"].errors
    assert not Household.objects.exists()


def test_wrong_template_is_refused(world, client_c1):
    data = xlsx({"Households": [["name", "something"], ["a", "b"]]})
    response = upload(client_c1, reverse("families:household_import"), data)
    assert response.context["errors"] and not Household.objects.exists()
    data = xlsx({"Other": [HEADER_EN(), good_rows()[0]]})
    response = upload(client_c1, reverse("families:household_import"), data)
    assert response.context["errors"] and not Household.objects.exists()


@pytest.fixture
def spot_check(world):
    households = [HouseholdFactory(org=world.c1) for _ in range(3)]
    inspection_round = InspectionRound.objects.create(
        org=world.s1, kind="monthly", period=datetime.date(2025, 6, 1), sample_size=2, seed=7,
        created_by=world.users["street_chair"], sheet=ScoreSheet.current())
    inspection_round.fill()
    return inspection_round, households


def test_round_template_is_prefilled_and_imports(world, login, spot_check):
    inspection_round, _households = spot_check
    inspector = PositionFactory(org=world.s1).person  # a street member inspecting a village
    client = login(world.users["community_chair"])  # fills in the street's round
    response = client.get(reverse("families:round_template", args=[inspection_round.pk]))
    wb = load_workbook(io.BytesIO(response.content))
    ws = wb.worksheets[0]
    rows = [list(r) for r in ws.iter_rows(values_only=True)]
    header, body = rows[0], rows[1:]
    assert len(body) == 2 and {r[0] for r in body} == set(
        inspection_round.households.values_list("pk", flat=True))
    for row in body:
        row[3] = "2025-06-10"
        row[4] = inspector.name
        row[5:9] = [24, 24, 24, 20]
    response = upload(client, reverse("families:round_import", args=[inspection_round.pk]),
                      xlsx({ws.title: [header, *body]}))
    assert response.status_code == 302
    assert Inspection.objects.filter(round=inspection_round).count() == 2
    assert {h.tier.code for h in inspection_round.households.all()} == {"demonstration"}
    assert list(Inspection.objects.first().inspectors.all()) == [inspector]


def test_round_import_errors(world, login, spot_check):
    inspection_round, households = spot_check
    drawn = list(inspection_round.households.values_list("pk", flat=True))
    outside = next(h.pk for h in households if h.pk not in drawn)
    client = login(world.users["street_chair"])
    ws = load_workbook(io.BytesIO(client.get(reverse(
        "families:round_template", args=[inspection_round.pk])).content)).worksheets[0]
    header = [c.value for c in ws[1]]
    rows = [[drawn[0], "", "", "2025-06-10", "无此人", 30, 20, 20, 20, ""],  # over max, bad inspector
            [outside, "", "", "2025-06-10", "", 20, 20, 20, 20, ""],  # not in the round
            [drawn[1], "", "", "not a date", "", 20, "x", 20, 20, ""]]
    response = upload(client, reverse("families:round_import", args=[inspection_round.pk]),
                      xlsx({ws.title: [header, *rows]}))
    errors = errors_of(response)
    assert {(r, c) for r, c, _m in errors} >= {(2, header[4]), (2, header[5]), (3, header[0]),
                                               (4, header[3]), (4, header[6])}
    assert not Inspection.objects.exists()


def test_too_big_file_is_refused(world, client_c1, settings):
    settings.MAX_UPLOAD_BYTES = 2000
    data = households_xlsx(good_rows() * 200)
    response = upload(client_c1, reverse("families:household_import"), data)
    assert response.status_code == 200 and response.context["errors"]
    assert not Household.objects.exists()
