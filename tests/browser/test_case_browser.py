"""A district case handler takes a phone call (来电) in the desktop browser: she opens the
intake form from the menu, fills it in and registers the case. The case lands in the database
with the phone channel, its detail page shows the case number, and the complainant's personal
data never travels in a URL."""

import re

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone
from playwright.sync_api import expect

from rights.models import Case, Category, Channel, Status
from tests.browser.conftest import log_in
from tests.browser.reference_data import ensure_reference_data

pytestmark = pytest.mark.django_db(transaction=True)

PHONE_NUMBER = "13812345678"
NAME = "陈桂英"
SUMMARY = "来电反映丈夫多次殴打，请求帮助"


def test_district_handler_registers_a_phone_case(world, live_server, desktop, shot, settings):
    ensure_reference_data()
    settings.TWO_FACTOR_REQUIRED_ROLES = []  # the two-factor flow has its own browser test
    staff = world.users["district_staff"]
    staff.groups.add(Group.objects.get(name="Rights case handlers"))
    page = desktop
    urls = []
    page.on("request", lambda r: urls.append(r.url))

    log_in(page, live_server, "district_staff")
    page.get_by_role("button", name="维权服务").or_(
        page.get_by_role("link", name="维权服务")
    ).first.click()
    page.get_by_role("link", name="登记案件").click()
    page.wait_for_url("**/rights/new/")
    shot(page, "intake-empty")

    phone_channel = Channel.objects.get(code="phone")
    category = Category.objects.get(code="domestic_violence")
    page.select_option("select[name=channel]", str(phone_channel.pk))
    page.select_option("select[name=risk]", "3")
    page.fill("input[name=name]", NAME)
    page.fill("input[name=age]", "46")
    page.fill("input[name=phone]", PHONE_NUMBER)
    page.fill("input[name=address]", "桃源社区8栋")
    page.select_option("select[name=org]", str(world.c1.pk))
    page.select_option("select[name=category]", str(category.pk))
    page.fill("input[name=other_party]", "张建国")
    page.fill("input[name=relation]", "配偶")
    page.fill("textarea[name=summary]", SUMMARY)
    page.check("input[name=consent_to_share][value=no]")  # asked, not left unticked
    shot(page, "intake-filled")
    page.get_by_role("button", name="登记", exact=True).click()
    page.wait_for_url("**/rights/*/")
    shot(page, "case-detail")

    case = Case.objects.select_related("complainant").get()
    expect(page).to_have_url(f"{live_server.url}/rights/{case.pk}/")
    assert case.channel == phone_channel and case.category == category
    assert case.org == world.c1 and case.registered_by == staff
    assert case.status == Status.NEW and case.received_on == timezone.localdate()
    assert case.summary == SUMMARY
    assert case.complainant.phone == PHONE_NUMBER and case.complainant.name == NAME

    assert case.number
    expect(page.locator("h1")).to_have_text(re.compile("^" + re.escape(case.number)))
    expect(page.locator("main")).to_contain_text(f"案件 {case.number} 已登记。")
    expect(page.locator("main")).to_contain_text("来电/12338")
    # Personal data is masked on the page and never part of any URL the browser asked for.
    assert PHONE_NUMBER not in page.content()
    assert urls and not [u for u in urls if PHONE_NUMBER in u or "%E9%99%88" in u.upper()]
