"""The monthly tally (月报) on a 375 px phone: a community chair fills in and submits this
month's tally; the chair of the parent street returns it with a reason, and the community
chair sees it returned with that reason."""

from decimal import Decimal

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from orgs.tallies.models import Indicator, Tally, TallyState
from tests.browser.conftest import log_in
from tests.browser.reference_data import ensure_reference_data

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 375, "height": 740}
ENTERED = {"lectures": "4", "disputes_mediated": "2", "trainees": "30", "funds_raised": "1234.5"}
REASON = "宣讲场次与活动台账不符，请核实后重报"


def no_horizontal_scroll(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_community_chair_submits_and_street_chair_returns_on_a_phone(
    world, live_server, browser, phone, shot
):
    ensure_reference_data()
    month = timezone.localdate().replace(day=1)
    label = month.strftime("%Y-%m")
    fields = {code: f"input[name=v{Indicator.objects.get(code=code).pk}]" for code in ENTERED}

    # The community chair opens this month's tally from her tally list.
    page = phone
    log_in(page, live_server, "community_chair")
    page.goto(f"{live_server.url}/orgs/tallies/")
    shot(page, "chair-tally-list")
    page.locator("a.list-group-item", has_text=label).first.click()
    page.wait_for_selector("form.tally-form")
    expect(page.locator("h1")).to_contain_text(world.c1.name)
    assert no_horizontal_scroll(page), page.evaluate("document.documentElement.scrollWidth")
    shot(page, "chair-empty-form")

    for code, value in ENTERED.items():
        page.fill(fields[code], value)
    assert no_horizontal_scroll(page)
    shot(page, "chair-filled-form")
    page.get_by_role("button", name="提交", exact=True).click()
    page.wait_for_selector(".state-submitted")
    expect(page.locator("main")).to_contain_text("已提交。")
    expect(page.locator("form.tally-form")).to_have_count(0)  # no longer editable
    shot(page, "chair-submitted")

    tally = Tally.objects.get(org=world.c1, month=month)
    assert tally.state == TallyState.SUBMITTED and tally.first_submitted_at
    values = {v.indicator.code: v.value for v in tally.values.select_related("indicator")}
    assert values == {code: Decimal(value) for code, value in ENTERED.items()}

    # The chair of the parent street finds it among those awaiting her review and returns it.
    context = browser.new_context(viewport=PHONE, locale="zh-CN")
    try:
        review = context.new_page()
        log_in(review, live_server, "street_chair")
        review.goto(f"{live_server.url}/orgs/tallies/")
        entry = review.locator("a.list-group-item", has_text=f"{world.c1.name} · {label}")
        expect(entry).to_have_count(1)
        shot(review, "street-awaiting-review")
        entry.click()
        review.wait_for_selector("#id_reason")
        assert no_horizontal_scroll(review)
        review.fill("#id_reason", REASON)
        shot(review, "street-return-reason")
        review.get_by_role("button", name="退回修改").click()
        review.wait_for_selector(".state-returned")
        expect(review.locator("main")).to_contain_text("已退回，并附上了您的原因。")
        shot(review, "street-returned")
    finally:
        context.close()

    tally.refresh_from_db()
    assert tally.state == TallyState.RETURNED and tally.return_reason == REASON

    # The community chair sees it returned, with the reason, and may correct it again.
    page.reload()
    alert = page.locator(".alert-danger", has_text="已退回修改")
    expect(alert).to_be_visible()
    expect(alert).to_contain_text(REASON)
    expect(page.locator(".state-returned")).to_be_visible()
    expect(page.locator("form.tally-form")).to_be_visible()
    expect(page.locator(fields["lectures"])).to_have_value("4")
    assert no_horizontal_scroll(page)
    shot(page, "chair-sees-returned")
