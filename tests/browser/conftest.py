"""Real-browser tests: Playwright driving Debian's Chromium (/usr/bin/chromium, installed by
.ci/run; no browser is downloaded) against the live test server. Screenshots of each step are
saved under artifacts/screenshots/ (kept by CI as artifacts)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("CHROMIUM", shutil.which("chromium") or "/usr/bin/chromium")
SCREENSHOTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"

pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(),
                                reason="Chromium is not installed (.ci/run installs it)")


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.skip("Chromium is not installed (.ci/run installs it)")
    from playwright.sync_api import sync_playwright

    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"  # Playwright runs an event loop
    try:
        with sync_playwright() as playwright:
            SCREENSHOTS.mkdir(parents=True, exist_ok=True)
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=[
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update",
                "--disable-sync"])
            yield browser
            browser.close()
    finally:  # never leak it into later tests (check --deploy refuses it, rightly)
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


@pytest.fixture
def phone(browser):
    """A 375 px wide phone screen."""
    context = browser.new_context(viewport={"width": 375, "height": 740}, locale="zh-CN",
                                  accept_downloads=True)
    yield context.new_page()
    context.close()


@pytest.fixture
def desktop(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN",
                                  accept_downloads=True)
    yield context.new_page()
    context.close()


@pytest.fixture
def shot(request):
    """shot(page, "step") saves artifacts/screenshots/<test>-<n>-<step>.png."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    counter = iter(range(1, 100))

    def _shot(page, step: str):
        page.screenshot(path=SCREENSHOTS / f"{request.node.name}-{next(counter):02d}-{step}.png",
                        full_page=True)

    return _shot


def log_in(page, live_server, username: str, password: str = "test-pass-123"):
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("form button[type=submit]")
    page.wait_for_load_state()
