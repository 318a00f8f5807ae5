"""A leader builds the first half-year's work summary in the browser: she picks 上半年 on the
summary page, sees the build's progress bar, and downloads the workbook and the narrative."""

import io

import pytest
from docx import Document
from openpyxl import load_workbook
from playwright.sync_api import expect

from tests.browser.conftest import log_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_leader_builds_the_half_year_summary_and_downloads_both_files(
        world, live_server, desktop, shot, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    page = desktop
    log_in(page, live_server, "leader")
    page.click("text=年度总结")
    page.select_option("select[name=year]", "2025")
    page.select_option("select[name=period]", "H1")
    shot(page, "form")
    page.click("button:has-text('生成')")
    expect(page.get_by_role("progressbar")).to_be_attached()
    expect(page.get_by_text("下载汇总表")).to_be_visible()
    shot(page, "done")
    with page.expect_download() as download:
        page.click("text=下载汇总表")
    assert "上半年" in download.value.suggested_filename
    workbook = load_workbook(io.BytesIO(download.value.path().read_bytes()))
    assert workbook.sheetnames[0] == "关键指标"
    assert "2025年上半年工作总结" in workbook["关键指标"]["A1"].value
    with page.expect_download() as download:
        page.click("text=下载总结初稿")
    text = "\n".join(p.text for p in Document(download.value.path()).paragraphs)
    assert "2025年上半年工作总结和下半年工作思路" in text
    assert "二、下半年工作思路" in text
