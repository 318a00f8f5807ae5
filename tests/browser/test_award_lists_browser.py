"""A mass honour at the district office, in Chromium: district staff find the award lists in
the 家庭 menu, upload a list with a bad row (refused whole, the row's problem shown), upload it
corrected, and approve it once: every household on it is awarded."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from families.models import AwardList, Honour, HonourType, State
from tests.browser.conftest import log_in
from tests.browser.reference_data import ensure_reference_data
from tests.families.factories import HouseholdFactory, xlsx

pytestmark = pytest.mark.django_db(transaction=True)
HEADER = ["村/社区代码", "家庭或单位名称", "户编号", "事迹简介"]


@pytest.fixture
def ready(world, settings):
    ensure_reference_data()
    settings.TWO_FACTOR_REQUIRED_ROLES = []
    return world


def upload(page, tmp_path, rows, name):
    path = tmp_path / name
    path.write_bytes(xlsx({"表彰名单": [HEADER, *rows]}).getvalue())
    page.get_by_label("荣誉类型").select_option(label="五好文明家庭")
    page.get_by_label("级别").select_option(label="区/县级")
    page.get_by_label("年度").fill("2025")
    page.set_input_files("input[type=file]", str(path))
    page.get_by_role("button", name="上传").click()
    page.wait_for_load_state()


def test_district_staff_upload_a_list_and_approve_it_once(ready, live_server, desktop, shot,
                                                          tmp_path):
    world = ready
    households = [HouseholdFactory(org=world.c1), HouseholdFactory(org=world.c3)]
    page = desktop
    log_in(page, live_server, "district_staff")
    page.get_by_role("button", name="家庭工作").click()
    page.get_by_role("link", name="表彰名单").click()
    expect(page.get_by_role("heading", name="表彰名单")).to_be_visible()
    page.get_by_role("link", name="上传表彰名单").click()
    rows = [["C1", None, households[0].pk, "家庭和睦"], ["C3", None, households[1].pk, None],
            ["ZZ", "赵家", None, None]]
    upload(page, tmp_path, rows, "bad.xlsx")
    expect(page.locator("table.upload-errors")).to_contain_text("ZZ")
    shot(page, "refused-whole")
    assert not AwardList.objects.exists()
    upload(page, tmp_path, rows[:2], "good.xlsx")
    expect(page.locator(".alert-success, .alert")).to_contain_text("审批后即予表彰")
    page.get_by_role("link", name="五好文明家庭").click()
    expect(page.locator("#list-status")).to_have_text("待审批")
    shot(page, "awaiting-approval")
    page.get_by_role("button", name="批准并表彰").click()
    expect(page.locator("#list-status")).to_have_text("已批准表彰")
    shot(page, "approved")
    honours = Honour.objects.filter(honour_type=HonourType.objects.get(code="five-good-family"))
    assert honours.count() == 2 and {h.state for h in honours} == {State.AWARDED}
    expect(page.get_by_role("button", name="批准并表彰")).to_have_count(0)
