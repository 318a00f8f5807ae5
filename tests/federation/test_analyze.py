"""Bulk loads refresh the planner's statistics of the tables they filled (ANALYZE), once
their transaction has committed; a refused import analyzes nothing."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from federation.kernel.db import analyze
from orgs.models import Organization
from tests.families import test_imports as households
from tests.orgs import test_import as org_import
from tests.orgs import test_tally_upload as tally_upload

pytestmark = pytest.mark.django_db


def analyzed(queries) -> list[str]:
    """One 'ANALYZE "table"' per table analyzed (PostgreSQL takes them in one statement)."""
    return [f"ANALYZE {table.strip()}" for q in queries.captured_queries
            if q["sql"].startswith("ANALYZE ")
            for table in q["sql"].removeprefix("ANALYZE ").split(",")]


def run(callbacks, action):
    with CaptureQueriesContext(connection) as queries, callbacks(execute=True):
        response = action()
    return response, analyzed(queries)


def test_analyze_waits_for_the_commit(django_capture_on_commit_callbacks):
    with CaptureQueriesContext(connection) as queries, \
            django_capture_on_commit_callbacks() as callbacks:
        analyze(Organization)
    assert analyzed(queries) == [] and len(callbacks) == 1
    with CaptureQueriesContext(connection) as queries:
        callbacks[0]()
    assert analyzed(queries) == ['ANALYZE "orgs_organization"']


def test_household_import_analyzes_households(world, login, django_capture_on_commit_callbacks):
    client = login(world.users["community_chair"])
    url = reverse("families:household_import")
    response, sql = run(django_capture_on_commit_callbacks, lambda: client.post(
        url, {"file": households.households_xlsx(households.good_rows())}))
    assert response.status_code == 302
    assert 'ANALYZE "families_household"' in sql
    bad = [["C1", "", 3, "", "", "是", None, None]]
    response, sql = run(django_capture_on_commit_callbacks, lambda: client.post(
        url, {"file": households.households_xlsx(bad)}))
    assert response.status_code == 200 and sql == []


def test_organization_import_analyzes_the_tree(world, login, django_capture_on_commit_callbacks):
    client = login(world.users["street_chair"])
    response, sql = run(django_capture_on_commit_callbacks, lambda: org_import.upload(
        client, org_import.workbook(org_import.GOOD_ORGS, org_import.GOOD_MEMBERS)))
    assert response.status_code == 302
    assert {'ANALYZE "orgs_organization"', 'ANALYZE "orgs_position"'} <= set(sql)


def test_tally_upload_analyzes_the_tallies(world, login, django_capture_on_commit_callbacks):
    client = login(world.users["community_chair"])
    wb = tally_upload.download(client)
    tally_upload.set_value(wb.worksheets[0], "lectures", 3)
    tally_upload.set_value(wb.worksheets[0], "disputes_mediated", 0)  # required to submit
    response, sql = run(django_capture_on_commit_callbacks,
                        lambda: tally_upload.upload(client, wb, submit=True))
    assert response.status_code == 302, response.context["errors"]
    assert {'ANALYZE "orgs_tally"', 'ANALYZE "orgs_tallyvalue"'} <= set(sql)
