"""A community chair records the two-cancer relief paid to a woman on her phone: the
registry, the form, the masked record, and the full display after she states why. The
woman's data never travels in a URL."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from federation.kernel.models import AccessLog
from rights.models import Assistance, AssistanceKind
from tests.browser.conftest import log_in
from tests.browser.reference_data import ensure_reference_data
from tests.rights.factories import resident_id

pytestmark = pytest.mark.django_db(transaction=True)

NAME = "赵春兰"
ID_NUMBER = resident_id(5, "19690704")


def test_community_chair_records_two_cancer_relief(world, live_server, phone, shot, settings):
    ensure_reference_data()
    settings.TWO_FACTOR_REQUIRED_ROLES = []
    page = phone
    urls = []
    page.on("request", lambda r: urls.append(r.url))
    log_in(page, live_server, "community_chair")
    page.goto(f"{live_server.url}/rights/assistance/")
    expect(page.get_by_role("heading", name="关爱帮扶")).to_be_visible()
    page.get_by_role("link", name="登记帮扶").click()
    page.wait_for_url("**/rights/assistance/new/")
    page.fill("input[name=name]", NAME)
    page.fill("input[name=id_number]", ID_NUMBER)
    page.fill("input[name=phone]", "13912345678")
    page.select_option("select[name=kind]", str(AssistanceKind.objects.get(code="two_cancer").pk))
    page.fill("input[name=amount]", "10000")
    shot(page, "form-filled")
    page.get_by_role("button", name="保存").click()
    page.wait_for_url("**/rights/assistance/*/")
    record = Assistance.objects.get()
    expect(page.locator("h1")).to_contain_text(record.number)
    expect(page.get_by_text("赵*兰")).to_be_visible()
    assert record.org == world.c1 and record.given_on == timezone.localdate()
    assert NAME not in page.content()
    shot(page, "masked")

    page.get_by_role("link", name="查看完整信息").click()
    page.fill("input[name=reason]", "电话通知领取救助金")
    page.get_by_role("button", name="保存").click()
    expect(page.get_by_text(NAME)).to_be_visible()
    expect(page.get_by_text(ID_NUMBER)).to_be_visible()
    shot(page, "full")
    assert AccessLog.objects.get(action="unmask").object_label == record.number
    assert urls and not [u for u in urls if ID_NUMBER in u or "%E8%B5%B5" in u.upper()]
