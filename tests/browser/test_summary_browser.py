"""A leader generates the year-end summary in the browser and downloads the workbook."""

import io

import pytest
from openpyxl import load_workbook

from tests.browser.conftest import log_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_leader_generates_and_downloads_the_workbook(world, live_server, desktop, shot,
                                                     settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    page = desktop
    log_in(page, live_server, "leader")
    page.click("text=年度总结")
    page.select_option("select[name=year]", "2025")
    shot(page, "form")
    page.click("button:has-text('生成')")
    page.wait_for_selector("text=下载汇总表")
    shot(page, "done")
    with page.expect_download() as download:
        page.click("text=下载汇总表")
    workbook = load_workbook(io.BytesIO(download.value.path().read_bytes()))
    assert workbook.sheetnames[0] == "概览"
    assert "2025" in workbook["概览"]["A1"].value
