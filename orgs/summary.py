"""The organization tree's, the activity log's and the monthly tallies' items of the work
summary (federation.kernel.hooks), each on its line of work:

- every tally indicator with a phrase: the subtree's approved and submitted figures for the
  period, the same period last year, the organization's annual target; an indicator that a
  registry records (`Indicator.registry`) is left to that registry's item (one number for
  one thing), and an indicator named in another's phrase is stated there;
- the activities' outputs (materials, households reached, donations), by their indicators'
  phrases;
- every campaign with activities in the period; activity categories that no indicator counts
  (their phrase); the highlights staff marked, as they wrote them;
- the teams standing and their members, per kind of team;
- the service sites (阵地) open at the period's end, per kind of site;
- the organization network (组织建设) and executive members at work (执委履职).
"""

from __future__ import annotations

import re

from django.db.models import Count, Sum
from django.utils.translation import gettext as _

from federation.kernel import numbers
from federation.kernel.hooks import Figure, SummaryItem
from federation.kernel.periods import Period
from orgs import figures
from orgs.activities import figures as activity_figures
from orgs.activities.models import Activity, ActivityCategory, Campaign
from orgs.duties import figures as duty_figures
from orgs.models import Organization, OrgKind
from orgs.sites import figures as site_figures
from orgs.sites.models import SiteKind
from orgs.tallies import figures as tally_figures
from orgs.tallies.models import Indicator, Prefill
from orgs.teams import figures as team_figures
from orgs.teams.models import TeamKind

PLACEHOLDER = re.compile(r"\{(\w+)\}")
SCOPE_WORD = {OrgKind.DISTRICT: "全区", OrgKind.STREET: "全街道"}


def tally_items(org: Organization, period: Period) -> list[SummaryItem]:
    indicators = list(Indicator.objects.filter(line__isnull=False).select_related("line"))
    this = tally_figures.tally_totals(org, period.start, period.end)
    last_period = period.last_year()
    last = tally_figures.tally_totals(org, last_period.start, last_period.end)
    to_date = (tally_figures.tally_totals(org, period.year_to_end().start, period.end)
               if period.start.month != 1 else None)
    targets = tally_figures.annual_targets(org, period.year)
    by_code = {i.code: i for i in indicators}

    def figure(indicator: Indicator, key: str) -> Figure:
        return Figure(
            key, indicator.name, numbers.plain(this.get(indicator.pk)), indicator.unit,
            money=indicator.unit == "元", last=numbers.plain(last.get(indicator.pk)),
            target=numbers.plain(targets.get(indicator.pk)),
            to_date=numbers.plain(to_date.get(indicator.pk)) if to_date is not None else None,
            source=f"tally:{indicator.code}")

    items = []
    for indicator in indicators:
        if not indicator.phrase or indicator.registry:
            continue
        item_figures = [figure(indicator, "value")]
        for code in PLACEHOLDER.findall(indicator.phrase):
            if code != "value" and code in by_code:
                item_figures.append(figure(by_code[code], code))
        items.append(SummaryItem(indicator.line.code, indicator.phrase, item_figures,
                                 key=f"tally:{indicator.code}", order=indicator.order))
    return items


def activity_items(org: Organization, period: Period) -> list[SummaryItem]:
    activities = Activity.objects.within(org).in_period(period.start, period.end)
    items = []
    campaigns = {c.pk: c for c in Campaign.objects.select_related("line")}
    for row in (activities.filter(campaign__isnull=False).order_by().values("campaign")
                .annotate(n=Count("pk"), people=Sum("participants"))):
        campaign = campaigns[row["campaign"]]
        phrase = campaign.phrase or f"开展“{campaign.name}”系列活动{{activities}}，服务{{people}}"
        items.append(SummaryItem(campaign.line.code, phrase, [
            Figure("activities", campaign.name, row["n"], "场",
                   source=f"activities:campaign:{campaign.pk}"),
            Figure("people", campaign.name, row["people"], "人次",
                   source=f"activities:campaign:{campaign.pk}")],
            key=f"campaign:{campaign.pk}", order=5))
    # A category whose activities an indicator counts is stated by that indicator.
    counted = set(Indicator.objects.filter(prefill=Prefill.COUNT, category__isnull=False)
                  .values_list("category_id", flat=True))
    categories = {c.pk: c for c in ActivityCategory.objects.filter(line__isnull=False)
                  .exclude(phrase="").exclude(pk__in=counted).select_related("line")}
    for row in (activities.filter(campaign__isnull=True, category__in=list(categories))
                .order_by().values("category").annotate(n=Count("pk"),
                                                          people=Sum("participants"))):
        category = categories[row["category"]]
        items.append(SummaryItem(category.line.code, category.phrase, [
            Figure("activities", category.name, row["n"], "场",
                   source=f"activities:category:{category.code}"),
            Figure("people", category.name, row["people"], "人次",
                   source=f"activities:category:{category.code}")],
            key=f"category:{category.code}", order=category.order))
    for activity in (activities.exclude(highlight="").filter(category__line__isnull=False)
                     .select_related("category__line").order_by("starts_on", "pk")):
        items.append(SummaryItem(activity.category.line.code, "", [],
                                 key=f"highlight:{activity.pk}", order=1,
                                 highlight=activity.highlight))
    return items


#: The registry names (`Indicator.registry`) of the activities' outputs, by their figure.
OUTPUT_REGISTRIES = {"activities:households": "households",
                     "activities:materials": "materials",
                     "activities:donations": "donations"}


def output_items(org: Organization, period: Period) -> list[SummaryItem]:
    """The activities' outputs (宣传资料, 入户走访, 捐款捐物), each stated once by the phrase of
    the indicator they answer: the activity log's sum, not the tallies' (one number for one
    thing; the reconciliation annex lists where the tallies differ)."""
    indicators = list(Indicator.objects.filter(
        registry__in=list(OUTPUT_REGISTRIES), line__isnull=False).exclude(phrase="")
        .select_related("line"))
    if not indicators:
        return []
    this = activity_figures.output_totals(org, period.start, period.end)
    last_period = period.last_year()
    last = activity_figures.output_totals(org, last_period.start, last_period.end)
    items = []
    for indicator in indicators:
        key = OUTPUT_REGISTRIES[indicator.registry]
        items.append(SummaryItem(indicator.line.code, indicator.phrase, [Figure(
            "value", indicator.name, numbers.plain(this[key]), indicator.unit,
            money=indicator.unit == "元", last=numbers.plain(last[key]) or None,
            source=f"registry:{indicator.registry}")],
            key=indicator.registry, order=indicator.order))
    return items


def registry_by_street(org: Organization, period: Period) -> dict[str, dict[str, float]]:
    """The outputs by street, for the reconciliation annex (federation.portal.summary)."""
    found = activity_figures.outputs_by_street(org, period.start, period.end)
    return {name: found[key] for name, key in OUTPUT_REGISTRIES.items()}


def team_items(org: Organization, period: Period) -> list[SummaryItem]:
    """Each kind of team with a phrase: the teams of the subtree standing at the period's end
    and their members ("组建巾帼宣讲队46支，队员380人"), against a year before."""
    this = team_figures.teams_by_kind(org, period.end)
    if not this:
        return []
    last = team_figures.teams_by_kind(org, period.last_year().end)
    items = []
    for kind in TeamKind.objects.filter(pk__in=list(this)).exclude(phrase="").select_related(
            "line"):
        now, before = this[kind.pk], last.get(kind.pk, {})
        members = kind.member_word or "队员"
        items.append(SummaryItem(kind.line.code, kind.phrase, [
            Figure("teams", kind.name, now["teams"], "支", last=before.get("teams"),
                   source=f"teams:{kind.code}"),
            Figure("members", f"{kind.name}{members}", now["members"], "人",
                   last=before.get("members"), source=f"teams:{kind.code}")],
            key=f"teams:{kind.code}", order=30 + kind.order))
    return items


def site_items(org: Organization, period: Period) -> list[SummaryItem]:
    """Each kind of site with a phrase: the sites of the subtree open at the period's end
    ("建成家长学校62所"), against the same date a year before; kinds with none left out."""
    this = site_figures.sites_by_kind(org, period.end)
    if not this:
        return []
    last = site_figures.sites_by_kind(org, period.last_year().end)
    return [SummaryItem(kind.line.code, kind.phrase, [
        Figure("value", kind.name, this[kind.pk], kind.unit, last=last.get(kind.pk),
               source=f"sites:{kind.code}")], key=f"sites:{kind.code}", order=40 + kind.order)
        for kind in SiteKind.objects.filter(pk__in=list(this)).exclude(phrase="")
        .select_related("line")]


def organization_items(org: Organization, period: Period) -> list[SummaryItem]:
    this = figures.scope_headline(org, period.end)
    last = figures.scope_headline(org, period.last_year().end)
    scope = SCOPE_WORD.get(org.kind, "")
    elected = figures.terms_elected(org, period.start, period.end)
    sites = figures.service_site_counts(org)

    def figure(key, label, value, unit, before=None):
        # The network's size is stated as it stands, without a comparison.
        return Figure(key, label, value, unit, source=f"orgs:{key}")

    items = [SummaryItem("organization", (
        f"{scope}共有街道（乡镇）妇联{{streets}}、社区（村）妇联{{communities}}、"
        "其他妇女组织{other_orgs}，各级妇联执委{committee_members}"), [
        figure("streets", "街道（乡镇）妇联", this["streets"], "个", last["streets"]),
        figure("communities", "社区（村）妇联", this["communities"], "个",
               last["communities"]),
        figure("other_orgs", "其他妇女组织", this["other_orgs"], "个", last["other_orgs"]),
        figure("committee_members", "执委人数", this["committee_members"], "名",
               last["committee_members"])], key="orgs:network", order=10)]
    items.append(SummaryItem("organization", "完成{elected}妇联组织换届", [
        figure("elected", "换届", elected, "个")], key="orgs:elections", order=20))
    items.append(SummaryItem("rights", "建成妇女维权站{stations}、婚姻家庭辅导站{guidance}", [
        figure("stations", "妇女维权站", sites["has_rights_station"], "个"),
        figure("guidance", "婚姻家庭辅导站", sites["has_marriage_guidance"], "个")],
        key="orgs:rights_sites", order=90))
    return items


def items(org: Organization, period: Period) -> list[SummaryItem]:
    return (tally_items(org, period) + activity_items(org, period)
            + output_items(org, period) + team_items(org, period)
            + site_items(org, period)
            + organization_items(org, period)
            + duty_figures.summary_items(org, period, line="organization"))


def measures() -> list[tuple[str, str]]:
    """What a plan item can be measured by (federation.portal.summary.items): the keys of
    this module's items, labelled for the plan item form."""
    choices = [(f"tally:{i.code}", _("Monthly tallies: %(name)s") % {"name": i.name})
               for i in Indicator.objects.filter(line__isnull=False, is_active=True,
                                                 registry="").exclude(phrase="")
               .order_by("order")]
    choices += [(f"campaign:{c.pk}", _("Campaign activities: %(name)s") % {"name": c.name})
                for c in Campaign.objects.order_by("name")]
    choices += [(f"category:{c.code}", _("Activities: %(name)s") % {"name": c.name})
                for c in ActivityCategory.objects.filter(line__isnull=False)
                .exclude(phrase="").order_by("order")]
    choices += [(f"sites:{k.code}", _("Service sites: %(name)s") % {"name": k.name})
                for k in SiteKind.objects.filter(is_active=True).exclude(phrase="")
                .order_by("order")]
    return choices + [("orgs:elections", _("Committees elected"))]
