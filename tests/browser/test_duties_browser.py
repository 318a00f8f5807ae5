"""Executive members at work (执委履职) on a 375 px phone: a member records a duty in a few
taps, her community chair sees it, the member passes a voice of women up, district staff
receive and answer it, and the member sees the answer. No personal data travels in a URL."""

import re

import pytest
from playwright.sync_api import expect

from orgs.duties.models import Duty, RequestStatus, VoiceRequest
from tests.browser.conftest import log_in
from tests.browser.reference_data import ensure_reference_data

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 375, "height": 740}
WOMAN, WOMAN_PHONE = "张美玲", "13812345678"
ANSWER = "已协调街道在小区新增普惠托育点，明年春季开放。"


def no_horizontal_scroll(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_member_records_chair_sees_staff_answer_member_reads(
        world, member, live_server, browser, phone, shot):
    ensure_reference_data()
    urls = []
    page = phone
    page.on("request", lambda request: urls.append(request.url))

    # The member records a visit: kind as a big button, today's date already filled in.
    log_in(page, live_server, "executive_member")
    page.goto(f"{live_server.url}/orgs/duties/")
    page.get_by_role("link", name="登记履职").first.click()
    expect(page.locator("form.duty-form")).to_be_visible()
    assert no_horizontal_scroll(page)
    shot(page, "member-empty-form")
    page.locator(".duty-kinds").get_by_text("联系服务妇女", exact=True).click()
    page.fill("#id_women_reached", "6")
    page.fill("#id_text", "入户走访三户单亲母亲家庭")
    shot(page, "member-filled-form")
    page.get_by_role("button", name="保存").click()
    expect(page.get_by_text("履职已登记。")).to_be_visible()
    expect(page.locator(".duty-list")).to_contain_text("入户走访三户单亲母亲家庭")
    assert no_horizontal_scroll(page)
    shot(page, "member-duty-list")

    # A voice of women: recorded, then passed up with the woman's name and phone.
    page.get_by_role("link", name="登记履职").first.click()
    page.locator(".duty-kinds").get_by_text("反映社情民意/诉求", exact=True).click()
    page.fill("#id_text", "小区没有托育点，双职工家庭接送困难")
    page.get_by_role("button", name="保存").click()
    expect(page.get_by_role("heading", name="向妇联反映")).to_be_visible()
    page.fill("#id_subject", "小区缺少托育点")
    page.fill("#id_detail", "双职工家庭接送困难，希望新增普惠托育点")
    page.fill("#id_woman_name", WOMAN)
    page.fill("#id_woman_phone", WOMAN_PHONE)
    assert no_horizontal_scroll(page)
    shot(page, "member-pass-up")
    page.get_by_role("button", name="反映", exact=True).click()
    expect(page.get_by_text("已向妇联反映。")).to_be_visible()
    expect(page.locator(".request-status")).to_have_text("已反映，待妇联接收")
    expect(page.locator(".woman-name")).to_have_text("张*玲")
    shot(page, "member-passed-up")
    voice = VoiceRequest.objects.get()
    assert voice.duty.person == member.person

    # Her community chair sees both records in her organization's list.
    context = browser.new_context(viewport=PHONE, locale="zh-CN")
    try:
        chair = context.new_page()
        log_in(chair, live_server, "community_chair")
        chair.goto(f"{live_server.url}/orgs/duties/")
        expect(chair.locator(".duty-list")).to_contain_text("入户走访三户单亲母亲家庭")
        expect(chair.locator(".duty-list")).to_contain_text("李秀兰")
        assert no_horizontal_scroll(chair)
        shot(chair, "chair-sees-duties")
    finally:
        context.close()

    # District staff receive and answer it.
    context = browser.new_context(viewport=PHONE, locale="zh-CN")
    try:
        staff = context.new_page()
        staff.on("request", lambda request: urls.append(request.url))
        log_in(staff, live_server, "district_staff")
        staff.goto(f"{live_server.url}/orgs/duties/requests/?status=open")
        staff.get_by_role("link", name=re.compile("小区缺少托育点")).click()
        expect(staff.locator(".request-status")).to_have_text("已反映，待妇联接收")
        staff.get_by_role("button", name="标记为已接收").click()
        expect(staff.get_by_text("已标记为接收。")).to_be_visible()
        expect(staff.locator(".request-status")).to_have_text("妇联已接收")
        staff.fill("#id_answer", ANSWER)
        assert no_horizontal_scroll(staff)
        shot(staff, "staff-answer")
        staff.get_by_role("button", name="发送答复").click()
        expect(staff.get_by_text("答复已发送给执委。")).to_be_visible()
        expect(staff.locator(".voice-answer")).to_contain_text(ANSWER)
        shot(staff, "staff-answered")
    finally:
        context.close()
    voice.refresh_from_db()
    assert voice.status == RequestStatus.ANSWERED

    # The member sees the answer on her duty.
    duty = Duty.objects.get(request=voice)
    page.goto(f"{live_server.url}/orgs/duties/")
    expect(page.locator(".duty-list .request-status").first).to_have_text("已答复")
    page.get_by_role("link", name=re.compile("反映社情民意")).first.click()
    expect(page.locator(".voice-answer")).to_contain_text(ANSWER)
    assert page.url.endswith(f"/orgs/duties/{duty.pk}/")
    assert no_horizontal_scroll(page)
    shot(page, "member-sees-answer")
    leaked = [url for url in urls if WOMAN in url or WOMAN_PHONE in url
              or "%E5%BC%A0" in url]
    assert not leaked, leaked
