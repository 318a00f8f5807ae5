"""Real browser (Playwright driving Debian's Chromium, /usr/bin/chromium, installed by .ci/run)
against the live server: two-factor enrolment on a phone-sized screen, and pages that run
their scripts under the Content Security Policy without a single violation.
Screenshots go to artifacts/screenshots/ (see README)."""

from __future__ import annotations

import re

import pytest
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from tests.browser.conftest import SCREENSHOTS as SHOTS

pytestmark = pytest.mark.django_db(transaction=True)


def open_page(browser, width=1280, height=900):
    page = browser.new_page(viewport={"width": width, "height": height}, locale="zh-CN")
    page.problems = []
    page.on("console", lambda m: m.type == "error" and page.problems.append(m.text))
    page.on("pageerror", lambda e: page.problems.append(str(e)))
    page.on("response", lambda r: r.status >= 400 and page.problems.append(f"{r.status} {r.url}"))
    return page


def log_in(page, base, username):
    page.goto(f"{base}/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", "test-pass-123")
    page.click("main button[type=submit]")


def test_staff_enrols_two_factor_on_a_phone_and_the_menu_works(world, live_server, browser,
                                                                settings):
    settings.TWO_FACTOR_REQUIRED_ROLES = ["district_admin", "district_staff"]
    page = open_page(browser, 375, 812)
    log_in(page, live_server.url, "district_staff")
    page.wait_for_url("**/accounts/two-factor/setup/**")
    expect(page.locator(".two-factor-qr svg")).to_be_visible()
    page.screenshot(path=SHOTS / "two-factor-setup-375.png", full_page=True)
    device = TOTPDevice.objects.get(user=world.users["district_staff"])
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    page.fill("input[name=token]", f"{totp.token():06d}")
    page.click("main form button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")
    # Bootstrap's collapse and dropdown need their script: it must run under the CSP. Each
    # step waits for the previous one's animation (a busy machine is slow to finish it).
    page.click(".navbar-toggler")
    # The menu is open when its collapse has finished (no "collapsing" class left): a click
    # on the user menu during the animation can be lost on a busy machine.
    expect(page.locator("#nav")).to_have_class(re.compile(r"^(?!.*collapsing).*\bshow\b"))
    page.click("#user-menu")
    expect(page.locator("#user-menu")).to_have_attribute("aria-expanded", "true")
    expect(page.get_by_role("button", name="退出登录")).to_be_visible()
    page.screenshot(path=SHOTS / "home-after-two-factor-375.png", full_page=True)
    assert not page.problems, page.problems


@pytest.mark.parametrize("path", ["/", "/orgs/", "/audit/changes/", "/audit/access/",
                                  "/admin/", "/admin/orgs/user/", "/accounts/password/"])
def test_pages_run_without_csp_violations(world, live_server, browser, path):
    page = open_page(browser)
    log_in(page, live_server.url, "district_admin")
    page.wait_for_url(f"{live_server.url}/")
    page.goto(f"{live_server.url}{path}")
    page.wait_for_load_state("networkidle")
    name = path.strip("/").replace("/", "-") or "home"
    page.screenshot(path=SHOTS / f"district-admin-{name}.png", full_page=True)
    assert not page.problems, page.problems
