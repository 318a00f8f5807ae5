"""Every spreadsheet import refuses a sheet with formulas in its data cells, and a file with no
data rows, with a clear message and nothing saved (the probes: a sheet of nothing but formulas
used to be reported as a success with 0 rows)."""

from __future__ import annotations

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from families.models import Household
from orgs.models import Organization, Person, User
from orgs.tallies.models import TallyValue

MONTH = datetime.date(2025, 3, 1)
IMPORTS = {
    "organizations": ("orgs:import", ("orgs:import_template", []), "street_chair"),
    "households": ("families:household_import", ("families:household_import_template", []),
                   "community_chair"),
    "users": ("users:import", ("users:import_template", []), "district_admin"),
    "tallies": ("orgs:tally_upload", ("orgs:tally_download", [MONTH.year, MONTH.month]),
                "community_chair"),
}
NO_ROWS = "文件中没有数据行"
FORMULA = "单元格中是公式"


def counts():
    return [model.objects.count() for model in (Organization, Person, User, Household,
                                                TallyValue)]


def template(client, name: str):
    _upload, (url, args), _role = IMPORTS[name]
    response = client.get(reverse(url, args=args))
    assert response.status_code == 200
    return load_workbook(io.BytesIO(response.content))


def post(client, name: str, wb) -> str:
    buffer = io.BytesIO()
    wb.save(buffer)
    response = client.post(reverse(IMPORTS[name][0]),
                           {"file": SimpleUploadedFile("upload.xlsx", buffer.getvalue())})
    assert response.status_code == 200, "refused uploads show the page again with the problems"
    return response.content.decode()


@pytest.mark.parametrize("name", sorted(IMPORTS))
def test_a_sheet_of_formulas_is_refused(world, login, name):
    client = login(world.users[IMPORTS[name][2]])
    wb = template(client, name)
    before = counts()
    for sheet in wb.worksheets:
        if sheet.title in ("说明", "Instructions"):
            continue
        width = sheet.max_column
        last = max(sheet.max_row, 2)
        for row in range(2, last + 1):
            for column in range(1, width + 1):
                sheet.cell(row=row, column=column, value=f"=A{row}&\"{column}\"")
    page = post(client, name, wb)
    assert FORMULA in page
    assert counts() == before


@pytest.mark.parametrize("name", ["organizations", "households", "users"])
def test_an_empty_template_is_refused(world, login, name):
    client = login(world.users[IMPORTS[name][2]])
    before = counts()
    page = post(client, name, template(client, name))
    assert NO_ROWS in page
    assert counts() == before


def test_an_empty_tally_sheet_is_refused(world, login):
    client = login(world.users["community_chair"])
    wb = template(client, "tallies")
    sheet = wb.worksheets[0]
    sheet.delete_rows(2, sheet.max_row)
    page = post(client, "tallies", wb)
    assert NO_ROWS in page
