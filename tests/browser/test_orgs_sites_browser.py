"""Service sites (阵地) in the browser: a chair reaches the list from the menu, records a site
(a closing date before the opening refused first, nothing saved), finds it in the list with
its kind's total; the pages pass axe-core's WCAG 2.1 A/AA rules on a phone and a desktop."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from orgs.sites.models import Site, SiteKind
from tests.browser.conftest import log_in
from tests.browser.reference_data import ensure_reference_data
from tests.browser.test_accessibility import AXE, RULES, RUN_AXE

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def ready(world, settings):
    ensure_reference_data()
    settings.TWO_FACTOR_REQUIRED_ROLES = []
    return world


def test_chair_records_a_site_from_the_menu(ready, live_server, browser, shot):
    world = ready
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    page = context.new_page()
    log_in(page, live_server, "community_chair")
    page.locator("a.dropdown-toggle", has_text="活动").click()
    page.locator(".dropdown-menu.show").get_by_role("link", name="服务阵地", exact=True).click()
    expect(page).to_have_url(re.compile(r"/orgs/sites/$"))
    expect(page.get_by_role("heading", name="服务阵地")).to_be_visible()
    page.get_by_role("link", name="新建阵地").click()
    page.locator("select[name=kind]").select_option(
        str(SiteKind.objects.get(code="parent_schools").pk))
    page.fill("input[name=name]", "桃源社区家长学校")
    page.fill("input[name=opened_on]", "2025-03-01")
    page.fill("input[name=closed_on]", "2024-01-01")
    page.get_by_role("button", name="保存").click()
    expect(page.locator("#id_closed_on")).to_have_class(re.compile("is-invalid"))
    expect(page.get_by_text("阵地的关闭日期不能早于建成日期。")).to_be_visible()
    assert not Site.objects.exists()
    page.fill("input[name=closed_on]", "")
    page.get_by_role("button", name="保存").click()
    expect(page.get_by_text("阵地已登记。")).to_be_visible()
    expect(page.get_by_role("link", name="桃源社区家长学校")).to_be_visible()
    expect(page.get_by_text("1 所")).to_be_visible()
    shot(page, "site-recorded")
    assert Site.objects.get().org == world.c1
    context.close()


def test_the_site_pages_pass_axe(ready, live_server, browser):
    world = ready
    assert AXE.exists(), "npm ci installs axe-core (a dev dependency)"
    site = Site.objects.create(kind=SiteKind.objects.get(code="children_homes"), org=world.c1,
                               name="桃源社区儿童之家")
    pages = ["/orgs/sites/", "/orgs/sites/new/", f"/orgs/sites/{site.pk}/edit/"]
    violations = []
    for width in (375, 1280):
        context = browser.new_context(viewport={"width": width, "height": 900},
                                      locale="zh-CN", bypass_csp=True)
        page = context.new_page()
        log_in(page, live_server, "district_staff")
        for url in pages:
            response = page.goto(f"{live_server.url}{url}", wait_until="load")
            assert response.status == 200, url
            page.add_script_tag(path=str(AXE))
            found = page.evaluate(RUN_AXE, RULES)
            if found:
                violations.append((width, url, found))
        context.close()
    assert not violations, violations
