"""axe-core (WCAG 2.1 A and AA rules) on every page of the URL walk, as three roles, on a
375 px phone and at 1280 px: no serious or critical violation.

axe-core is an npm dev dependency (package.json), injected into the page by this test only
(the browser context bypasses the portal's CSP for that one script); it is never served to
users. One browser context per role and width, reused for all its pages."""

from __future__ import annotations

import datetime
import json
import time
from pathlib import Path

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.conftest import SCREENSHOTS, log_in
from tests.browser.reference_data import ensure_reference_data
from tests.federation.test_urlwalk_all import patterns

pytestmark = pytest.mark.django_db(transaction=True)

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
ROLES = ["district_staff", "street_chair", "community_chair"]
WIDTHS = [375, 1280]
#: Routes that are not pages a person reads (programs' JSON, files, redirects).
NOT_PAGES = {"logout", "set_language", "health", "todo_badge", "two_factor_verify",
             "password_change_done"}
API_DOCS = "/api/docs/"
RULES = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
RUN_AXE = """async (tags) => {
  // Swagger UI's own markup nests a copy button in its (clickable) operation headers: the
  // third-party reference on /api/docs/ is left out of that one rule only.
  const result = await axe.run(document, {runOnly: {type: "tag", values: tags},
                                          resultTypes: ["violations"]});
  result.violations.forEach(v => { if (v.id === "nested-interactive") {
    v.nodes = v.nodes.filter(n => !n.target.join(" ").includes("opblock-summary")); } });
  result.violations = result.violations.filter(v => v.nodes.length);
  return result.violations.filter(v => v.impact === "serious" || v.impact === "critical")
    .map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 3).map(
      n => n.target.join(" ") + " :: " + ((n.any[0] || n.all[0] || n.none[0] || {}).message
                                          || ""))}));
}"""


def objects(world) -> dict[str, dict]:
    """Real records in the walking users' scope, for the pages that show one."""
    from tests.families.factories import HonourFactory, HouseholdFactory
    from tests.orgs.factories import ActivityFactory, TallyFactory
    from tests.rights.factories import CaseFactory

    staff = world.users["district_staff"]
    today = timezone.localdate()
    last_month = (today.replace(day=1) - datetime.timedelta(days=1)).replace(day=1)
    case = CaseFactory(org=world.c1, registered_by=staff, handler=world.users["street_chair"],
                       consent_to_share=True, consent_on=today)
    honour = HonourFactory(org=world.c1)
    household = HouseholdFactory(org=world.c1)
    activity = ActivityFactory(org=world.c1, starts_on=today, materials=20)
    from federation.kernel.models import LineOfWork
    from orgs.activities.models import Campaign
    from orgs.teams.models import Team, TeamKind

    campaign = Campaign.objects.create(name="巾帼心向党", org=world.district,
                                       first_year=today.year,
                                       line=LineOfWork.objects.get(code="ideology"))
    team = Team.objects.create(kind=TeamKind.objects.get(code="lecturers"), org=world.c1,
                               name="桃源巾帼宣讲队", members=12)
    TallyFactory(org=world.c1, month=last_month)
    tally = {"org_pk": world.c1.pk, "year": last_month.year, "month": last_month.month}
    return {
        "rights:case_detail": {"pk": case.pk}, "rights:case_edit": {"pk": case.pk},
        "rights:action_create": {"pk": case.pk}, "rights:case_unmask": {"pk": case.pk},
        "families:honour": {"pk": honour.pk}, "families:recipient": {"pk": honour.recipient_id},
        "families:household": {"pk": household.pk},
        "families:household_edit": {"pk": household.pk},
        "orgs:activity": {"pk": activity.pk}, "orgs:activity_edit": {"pk": activity.pk},
        "orgs:detail": {"pk": world.c1.pk}, "orgs:edit": {"pk": world.c1.pk},
        "orgs:tally": tally, "orgs:tally_history": tally,
        "orgs:campaign": {"pk": campaign.pk}, "orgs:campaign_edit": {"pk": campaign.pk},
        "orgs:team": {"pk": team.pk}, "orgs:team_edit": {"pk": team.pk},
    }


def readable_pages(client: Client, targets: dict[str, dict]) -> list[str]:
    """The URLs of the walk that answer this user with an HTML page."""
    urls = []
    for name, kwargs in patterns():
        if name in NOT_PAGES or name.startswith("api:") and name != "api:docs":
            continue
        if kwargs:
            if name not in targets:
                continue
            kwargs = targets[name]
        url = reverse(name, kwargs=kwargs)
        response = client.get(url)
        if response.status_code == 200 and response["Content-Type"].startswith("text/html"):
            urls.append(url)
    return urls


def test_no_serious_or_critical_violation_on_any_page(world, live_server, browser, settings):
    ensure_reference_data()
    settings.TWO_FACTOR_REQUIRED_ROLES = []
    world.users["district_staff"].groups.add(Group.objects.get(name="Rights case handlers"))
    targets = objects(world)
    assert AXE.exists(), "npm ci installs axe-core (a dev dependency)"
    violations, visited, started = [], 0, time.monotonic()
    for role in ROLES:
        client = Client()
        client.force_login(world.users[role])
        urls = readable_pages(client, targets)
        assert len(urls) >= 15, (role, urls)
        for width in WIDTHS:
            context = browser.new_context(viewport={"width": width, "height": 900},
                                          locale="zh-CN", bypass_csp=True)
            page = context.new_page()
            log_in(page, live_server, role)
            for url in urls:
                page.goto(f"{live_server.url}{url}", wait_until="load")
                if url == API_DOCS:  # Swagger draws its page after load: check what it drew
                    expect(page.locator(".swagger-ui .opblock").first).to_be_visible()
                page.add_script_tag(path=str(AXE))
                found = page.evaluate(RUN_AXE, RULES)
                visited += 1
                if found:
                    violations.append((role, width, url, found))
                    name = f"axe-{role}-{width}-{url.strip('/').replace('/', '_') or 'home'}"
                    page.screenshot(path=SCREENSHOTS / f"{name}.png", full_page=True)
            context.close()
    seconds = time.monotonic() - started
    print(f"axe: {visited} page views in {seconds:.0f} s")
    (SCREENSHOTS / "axe-violations.json").write_text(json.dumps(
        {"page_views": visited, "seconds": round(seconds), "violations": violations},
        ensure_ascii=False, indent=1))
    assert visited >= 6 * 15
    assert not violations, violations
