"""Family work's items of the work summary (federation.kernel.hooks), on the lines of work of
the honour types (家庭文明建设 for families' honours, 巾帼建功 for women's and collectives')
and on 家庭文明建设 for the beautiful courtyards:

- per honour type awarded in the period's year: "评选表彰“最美家庭”120户，其中市级3户、区级20户"
  (honours are awarded for a year, so a half-year summary states the year's awards so far);
- per standing title (巾帼文明岗 …), those in force at the period's end, cumulatively over the
  years and by level: "累计创建各级巾帼文明岗52个，其中全国1个、省级3个" (levels in order,
  zeros left out; a revoked title no longer counts);
- the courtyard campaign: households taking part, plaques, inspections.
"""

from __future__ import annotations

import datetime

from django.utils.translation import gettext as _

from families import figures
from families.models import HonourLevel, HonourType
from families.models.reference import Subject, Workflow
from federation.kernel.hooks import Figure, SummaryItem
from federation.kernel.periods import Period

UNIT = {Subject.FAMILY: "户", Subject.INDIVIDUAL: "名", Subject.COLLECTIVE: "个"}


def honour_items(org, period: Period) -> list[SummaryItem]:
    awarded = figures.awarded_by_type_and_level(org, period.year)
    last = figures.awarded_by_type_and_level(org, period.year - 1)
    levels = list(HonourLevel.objects.order_by("order", "pk"))
    items = []
    for honour_type in HonourType.objects.select_related("line"):
        line = _line(honour_type)
        total = sum(awarded.get((honour_type.pk, level.pk), 0) for level in levels)
        if not total:
            continue
        unit = UNIT.get(honour_type.subject, "个")
        before = sum(last.get((honour_type.pk, level.pk), 0) for level in levels)
        item_figures = [Figure("value", honour_type.name, total, unit, last=before or None,
                               source=f"honours:{honour_type.code}")]
        parts = []
        by_level = [(level, awarded.get((honour_type.pk, level.pk), 0)) for level in levels]
        if sum(1 for _level, n in by_level if n) > 1:
            for level, n in (pair for pair in by_level if pair[1]):
                key = f"level_{level.pk}"
                item_figures.append(Figure(key, f"{honour_type.name}（{level.name}）", n, unit,
                                           source=f"honours:{honour_type.code}"))
                parts.append(f"{level.name}{{{key}}}")
        phrase = f"评选表彰“{honour_type.name}”{{value}}"
        if parts:
            phrase += "，其中" + "、".join(parts)
        items.append(SummaryItem(line, phrase, item_figures,
                                 key=f"honours:{honour_type.code}", order=30 + honour_type.order))
    return items


def _line(honour_type) -> str:
    # A type not yet given a line: families' honours are family work, others merit.
    return honour_type.line.code if honour_type.line else (
        "family" if honour_type.subject == Subject.FAMILY else "merit")


def standing_items(org, period: Period) -> list[SummaryItem]:
    standing = [t for t in HonourType.objects.select_related("line")
                if t.workflow == Workflow.STANDING]
    if not standing:
        return []
    in_force = figures.standing_titles_in_force(org, period.end)
    year_before = figures.standing_titles_in_force(org, _year_before(period.end))
    levels = list(HonourLevel.objects.order_by("order", "pk"))
    items = []
    for honour_type in standing:
        by_level = [(level, in_force.get((honour_type.pk, level.pk), 0)) for level in levels]
        total = sum(n for _level, n in by_level)
        if not total:
            continue
        unit = UNIT.get(honour_type.subject, "个")
        before = sum(year_before.get((honour_type.pk, level.pk), 0) for level in levels)
        source = f"honours:standing:{honour_type.code}"
        item_figures = [Figure("value", f"累计{honour_type.name}", total, unit,
                               last=before or None, source=source)]
        parts = []
        for level, n in (pair for pair in by_level if pair[1]):
            key = f"level_{level.pk}"
            item_figures.append(Figure(key, f"累计{honour_type.name}（{level.name}）", n, unit,
                                       source=source))
            parts.append(f"{level.name}{{{key}}}")
        phrase = f"累计创建各级{honour_type.name}{{value}}，其中" + "、".join(parts)
        items.append(SummaryItem(_line(honour_type), phrase, item_figures, key=source,
                                 order=30 + honour_type.order))
    return items


def _year_before(day: datetime.date) -> datetime.date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28)


def courtyard_items(org, period: Period) -> list[SummaryItem]:
    headline = figures.courtyard_headline(org)
    inspections = figures.inspections_in(org, period.start, period.end)
    last_period = period.last_year()
    inspections_last = figures.inspections_in(org, last_period.start, last_period.end)
    return [SummaryItem("family", (
        "推进美丽庭院创建，{campaign}家庭参与创建，其中{plaques}获评星级庭院，"
        "开展庭院检查评比{inspections}"), [
        Figure("campaign", "参与美丽庭院创建户数", headline["campaign"], "户",
               source="registry:families.courtyards"),
        Figure("plaques", "星级庭院户数", headline["plaques"], "户",
               source="registry:families.courtyards"),
        Figure("inspections", "庭院检查", inspections["inspections"], "次",
               last=inspections_last["inspections"] or None,
               source="registry:families.inspections")],
        key="families:courtyards", order=60)]


def items(org, period: Period) -> list[SummaryItem]:
    return honour_items(org, period) + standing_items(org, period) + courtyard_items(org, period)


def measures() -> list[tuple[str, str]]:
    """What a plan item can be measured by (federation.portal.summary.items): the keys of
    this module's items, labelled for the plan item form."""
    types = list(HonourType.objects.order_by("order", "pk"))
    return [(f"honours:{t.code}", _("Honours awarded: %(name)s") % {"name": t.name})
            for t in types] + [
        (f"honours:standing:{t.code}", _("Titles in force: %(name)s") % {"name": t.name})
        for t in types if t.workflow == Workflow.STANDING] + [
        ("families:courtyards", _("Beautiful courtyards: households taking part"))]
