"""Campaigns, activity outputs and teams in the browser: a chair records an activity with its
outputs and a donation in kind and names its campaign and team; the pages pass axe-core's
WCAG 2.1 A/AA rules (no serious or critical violation) on a phone and a desktop."""

from __future__ import annotations

import datetime
import re
from decimal import Decimal

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from federation.kernel.models import LineOfWork
from orgs.activities.models import Activity, ActivityCategory, Campaign
from orgs.teams.models import Team, TeamKind
from tests.browser.conftest import log_in
from tests.browser.reference_data import ensure_reference_data
from tests.browser.test_accessibility import AXE, RULES, RUN_AXE

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def ready(world, settings):
    ensure_reference_data()
    settings.TWO_FACTOR_REQUIRED_ROLES = []
    year = timezone.localdate().year
    campaign = Campaign.objects.create(name="巾帼心向党", org=world.district, first_year=year - 1,
                                       line=LineOfWork.objects.get(code="ideology"))
    team = Team.objects.create(kind=TeamKind.objects.get(code="lecturers"), org=world.c1,
                               name="桃源巾帼宣讲队", leader_name="王秀英", members=12)
    return world, campaign, team


def test_chair_records_outputs_a_donation_campaign_and_team(ready, live_server, phone, shot):
    world, campaign, team = ready
    page = phone
    log_in(page, live_server, "community_chair")
    page.goto(f"{live_server.url}/orgs/activities/")
    page.get_by_role("link", name="品牌活动").first.click()
    expect(page.get_by_role("link", name="巾帼心向党")).to_be_visible()
    page.goto(f"{live_server.url}/orgs/activities/new/")
    page.fill("input[name=title]", "巾帼宣讲进小区")
    page.locator("select[name=category]").select_option(index=1)
    page.locator("select[name=campaign]").select_option(str(campaign.pk))
    page.locator("select[name=team]").select_option(str(team.pk))
    day = timezone.localdate() - datetime.timedelta(days=1)
    page.fill("input[name=starts_on]", day.isoformat())
    page.fill("input[name=participants]", "60")
    page.fill("input[name=materials]", "150")
    page.fill("input[name=cash_donations]", "-5")
    page.fill("input[name='donations-0-description']", "米面油")
    page.fill("input[name='donations-0-quantity']", "20")
    page.fill("input[name='donations-0-value']", "1200")
    page.locator("select[name='donations-0-donor_kind']").select_option("enterprise")
    page.get_by_role("button", name="保存").click()
    expect(page.locator("#id_cash_donations")).to_have_class(re.compile("is-invalid"))
    assert not Activity.objects.exists()
    page.fill("input[name=cash_donations]", "3000")
    page.get_by_role("button", name="保存").click()
    expect(page.get_by_text("活动已登记。")).to_be_visible()
    expect(page.get_by_text("米面油")).to_be_visible()
    expect(page.get_by_role("link", name="桃源巾帼宣讲队")).to_be_visible()
    shot(page, "activity-with-outputs")
    activity = Activity.objects.get()
    assert activity.cash_donations == Decimal("3000") and activity.donations.count() == 1
    assert (activity.campaign, activity.team) == (campaign, team)


def test_the_new_pages_pass_axe(ready, live_server, browser):
    world, campaign, team = ready
    assert AXE.exists(), "npm ci installs axe-core (a dev dependency)"
    activity = Activity.objects.create(org=world.c1, category=ActivityCategory.objects.first(), title="宣讲",
                                       starts_on=timezone.localdate(), campaign=campaign,
                                       team=team, materials=10)
    pages = ["/orgs/campaigns/", f"/orgs/campaigns/{campaign.pk}/", "/orgs/campaigns/new/",
             f"/orgs/campaigns/{campaign.pk}/edit/", "/orgs/teams/", f"/orgs/teams/{team.pk}/",
             "/orgs/teams/new/", f"/orgs/teams/{team.pk}/edit/", "/orgs/activities/new/",
             f"/orgs/activities/{activity.pk}/", f"/orgs/activities/{activity.pk}/edit/"]
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
