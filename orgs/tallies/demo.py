"""Demo activities, monthly tallies and annual targets, from January of last year to now.

Most organizations submit on time, some late, some not at all; a few values are confirmed
outliers. Tally values that the activity log answers agree with the generated activities.
"""

from __future__ import annotations

import datetime
import random
from collections import defaultdict
from decimal import Decimal

from django.utils import timezone

from federation.kernel.demo import DemoContext
from orgs.activities.models import Activity, ActivityCategory, Donation, DonorKind
from orgs.scoping import street_path
from orgs.tallies.models import (
    AnnualTarget,
    Indicator,
    Prefill,
    ReportingDeadline,
    Tally,
    TallyEvent,
    TallyState,
    TallyValue,
    month_end,
    next_month,
)

TITLES = {
    "ideology": ["巾帼心向党 奋进新征程宣讲", "习近平文化思想进社区宣讲", "百姓名嘴巾帼宣讲"],
    "family_virtue": ["好家风好家训分享会", "最美家庭事迹分享", "清廉家风进万家"],
    "family_education": ["家长学校：如何与青春期孩子沟通", "家庭教育指导进社区",
                         "家庭教育公开课"],
    "legal_rights": ["民法典宣传进社区", "反家庭暴力法专题讲座", "妇女权益保障法宣传"],
    "child_friendly": ["儿童之家暑期托管", "儿童议事会", "亲子阅读活动"],
    "employment": ["巾帼家政技能培训", "电商直播技能培训", "育婴员培训班"],
    "health": ["两癌筛查进社区", "女性健康知识讲座", "心理健康讲座"],
    "care": ["春节走访慰问困难妇女", "春蕾助学金发放", "关爱留守儿童走访"],
    "volunteer": ["巾帼志愿者清洁家园", "巾帼志愿者助老服务", "文明创建志愿服务"],
    "organization": ["妇联执委履职培训", "村社妇联主席能力提升培训"],
    "culture": ["三八妇女节广场舞展演", "巾帼健步走", "女性读书会"],
    "other": ["妇女议事会", "妇联工作例会"],
}
RETURN_REASONS = ["宣讲场次与活动台账不符，请核对", "筛查人数明显偏高，请核实",
                  "募集善款金额单位有误（应为元）"]
#: Monthly scale of the indicators not answered by the activity log, per 1,000 households.
BASE = {"disputes_mediated": 0.8, "rights_petitions": 0.4, "new_jobs": 1.5,
        "cervical_screening": 9, "breast_screening": 9, "funds_raised": 900,
        "students_aided": 0.6, "hardship_visits": 3, "fire_patrols": 0.6,
        "new_media_posts": 0.25, "radio_programmes": 0.05}


def seed_activities_and_tallies(ctx: DemoContext) -> None:
    rng = ctx.rng
    first = datetime.date(ctx.today.year - 1, 1, 1)
    months = []
    month = first
    while month <= ctx.today:
        months.append(month)
        month = next_month(month)
    orgs = ctx.streets + ctx.communities
    categories = {c.code: c for c in ActivityCategory.objects.all()}
    indicators = list(Indicator.objects.filter(is_active=True))
    by_month = _seed_activities(ctx, orgs, months, categories)
    # January's deadline moved past the Spring Festival holiday.
    ReportingDeadline.objects.update_or_create(
        month=datetime.date(ctx.today.year - 1, 1, 1),
        defaults={"due_on": datetime.date(ctx.today.year - 1, 2, 12)})
    reviewers = {"street": ctx.users.get("district_staff")}
    tallies, values, events = [], [], []
    yearly: dict[tuple[int, int, int], Decimal] = defaultdict(Decimal)
    now = timezone.now()
    for org in orgs:
        size = (org.households or 1000) / 1000
        late_prone = rng.random() < 0.12
        for month in months:
            if not _active(org, month):
                continue
            state, submitted_at = _plan_state(ctx, month, late_prone)
            if state is None:
                continue
            tally = Tally(org=org, month=month, state=state, version=1,
                          first_submitted_at=submitted_at, submitted_at=submitted_at,
                          reviewed_at=submitted_at + datetime.timedelta(days=2)
                          if state == TallyState.APPROVED and submitted_at else None,
                          reviewed_by=reviewers.get(org.kind), updated_at=now)
            if state == TallyState.RETURNED:
                tally.return_reason = rng.choice(RETURN_REASONS)
            tallies.append(tally)
            for indicator in indicators:
                value, flagged = _value(ctx, indicator, size, by_month.get((org.pk, month)))
                if value is None:
                    continue
                values.append((tally, indicator, value, flagged))
                yearly[(org.pk, indicator.pk, month.year)] += value
    Tally.objects.bulk_create(tallies, batch_size=5000)
    TallyValue.objects.bulk_create(
        (TallyValue(tally=t, indicator=i, value=v, flagged=f) for t, i, v, f in values),
        batch_size=10000)
    for tally in tallies:
        if tally.state == TallyState.RETURNED:
            events.append(TallyEvent(tally=tally, kind="returned", reason=tally.return_reason,
                                     at=tally.submitted_at + datetime.timedelta(days=1)))
    TallyEvent.objects.bulk_create(events)
    _seed_targets(ctx, indicators, yearly)
    ctx.out.write(f"    {len(tallies)} monthly tallies, {len(values)} values")


def _active(org, month: datetime.date) -> bool:
    if org.founded_on and org.founded_on > month_end(month):
        return False
    return not (org.dissolved_on and org.dissolved_on < month)


def _plan_state(ctx: DemoContext, month: datetime.date, late_prone: bool):
    """(state, first submission) for an organization's month; (None, None): never started."""
    rng = ctx.rng
    due = next_month(month).replace(day=5)
    roll = rng.random()
    if month.year == ctx.today.year and month.month == ctx.today.month:
        return (TallyState.DRAFT, None) if roll < 0.3 else (None, None)
    if roll < 0.04:
        return None, None  # missing
    if roll < 0.07:
        return TallyState.DRAFT, None  # started, never submitted
    late = late_prone and rng.random() < 0.5 or rng.random() < 0.08
    day = due + datetime.timedelta(days=rng.randrange(1, 15)) if late else \
        next_month(month) + datetime.timedelta(days=rng.randrange(0, 5))
    if day > ctx.today:
        return (TallyState.DRAFT, None) if rng.random() < 0.5 else (None, None)
    at = timezone.make_aware(datetime.datetime.combine(day, datetime.time(
        rng.randrange(8, 22), rng.randrange(60))))
    if next_month(month) >= ctx.today.replace(day=1):  # last month: many still await review
        state = rng.choice([TallyState.SUBMITTED, TallyState.SUBMITTED, TallyState.APPROVED])
    else:
        state = TallyState.RETURNED if rng.random() < 0.01 else TallyState.APPROVED
    return state, at


def _value(ctx: DemoContext, indicator: Indicator, size: float, activity: dict | None):
    rng = ctx.rng
    if indicator.prefill:
        answer = (activity or {}).get((indicator.category_id, indicator.prefill))
        if answer is None:
            return (Decimal(0) if rng.random() < 0.5 else None), False
        return Decimal(answer), False
    if indicator.code not in BASE or rng.random() < 0.15:
        return None, False  # nothing to report this month
    mean = BASE[indicator.code] * size
    value = max(0, round(rng.gauss(mean, mean / 3)))
    if indicator.is_amount:
        value = Decimal(round(value / 100) * 100)
    flagged = value > 2 and rng.random() < 0.005
    if flagged:
        value *= rng.choice([4, 5, 8])
    return Decimal(value), flagged


#: Which categories deliver which outputs (宣传资料, 入户走访, 捐款捐物), as (share of the
#: activities, low, high).
MATERIALS = {"ideology": (0.5, 20, 100), "legal_rights": (0.7, 30, 150),
             "family_virtue": (0.4, 20, 80), "health": (0.5, 30, 120),
             "family_education": (0.3, 20, 60)}
HOUSEHOLDS = {"care": (0.8, 5, 30), "family_virtue": (0.3, 10, 40),
              "family_education": (0.2, 5, 20), "legal_rights": (0.2, 10, 50)}
CASH = {"care": (0.4, 1000, 10000), "volunteer": (0.1, 500, 3000)}
GOODS = [("米面油", 60, DonorKind.ENTERPRISE), ("棉被", 120, DonorKind.ENTERPRISE),
         ("书包文具", 80, DonorKind.SOCIAL_ORG), ("慰问品", 100, DonorKind.PUBLIC_BODY),
         ("图书", 30, DonorKind.INDIVIDUAL), ("体检卡", 200, DonorKind.FEDERATION)]


def _outputs(rng: random.Random, code: str) -> tuple[dict, list[Donation]]:
    """An activity's outputs for its category, and its donations in kind (unsaved)."""
    found: dict = {}
    for name, table in (("materials", MATERIALS), ("households", HOUSEHOLDS)):
        share, low, high = table.get(code, (0, 0, 0))
        if rng.random() < share:
            found[name] = rng.randrange(low, high) // 10 * 10 or low
    share, low, high = CASH.get(code, (0, 0, 0))
    if rng.random() < share:
        found["cash_donations"] = Decimal(rng.randrange(low, high) // 100 * 100)
    goods = []
    if code == "care" and rng.random() < 0.4:
        for description, price, donor in rng.sample(GOODS, rng.randrange(1, 3)):
            quantity = rng.randrange(10, 60)
            goods.append(Donation(description=description, quantity=quantity,
                                  value=Decimal(quantity * price), donor_kind=donor))
    return found, goods


def _seed_activities(ctx: DemoContext, orgs, months, categories) -> dict:
    """Activities for every organization and month; returns what they answer per
    (org id, month): {(category id, prefill): number}."""
    rng = ctx.rng
    weights = {"ideology": 3, "family_virtue": 2, "family_education": 2, "legal_rights": 2,
               "child_friendly": 1.5, "employment": 1, "health": 1, "care": 1.5,
               "volunteer": 2, "organization": 0.5, "culture": 1.5, "other": 0.5}
    codes, cum = list(weights), list(weights.values())
    activities, answers, goods = [], {}, []
    # The outputs draw from their own generator: the rest of the demo stays as it was.
    out_rng = random.Random(hash(ctx.rng.getstate()))
    creator = ctx.users.get("district_staff")
    for org in orgs:
        for month in months:
            if not _active(org, month) or month > ctx.today:
                continue
            found: dict = defaultdict(int)
            for _ in range(rng.randrange(0, 4)):
                code = rng.choices(codes, cum)[0]
                day = month.replace(day=rng.randrange(1, 29))
                if day > ctx.today:
                    continue
                women = rng.randrange(10, 80)
                children = rng.randrange(0, 30) if code in ("child_friendly",
                                                            "family_education") else 0
                total = women + children + rng.randrange(0, 10)
                category = categories[code]
                made, donated = _outputs(out_rng, code)
                activity = Activity(
                    org=org, category=category, title=rng.choice(TITLES[code]),
                    starts_on=day, place=org.venue or "党群服务中心", women=women,
                    children=children or None, participants=total, created_by=creator,
                    description="（演示数据）", **made)
                activities.append(activity)
                goods.extend((activity, d) for d in donated)
                value = made.get("cash_donations")
                if donated:
                    value = (value or 0) + sum(d.value for d in donated)
                for kind, number in ((Prefill.MATERIALS, made.get("materials")),
                                     (Prefill.HOUSEHOLDS, made.get("households")),
                                     (Prefill.DONATIONS, value)):
                    if number is not None:
                        found[(None, kind)] += number
                        found[(category.pk, kind)] += number
                found[(category.pk, Prefill.COUNT)] += 1
                found[(category.pk, Prefill.PARTICIPANTS)] += total
                found[(category.pk, Prefill.WOMEN)] += women
                found[(category.pk, Prefill.CHILDREN)] += children
            answers[(org.pk, month)] = found
    Activity.objects.bulk_create(activities, batch_size=5000)
    for activity, donation in goods:
        donation.activity = activity
    Donation.objects.bulk_create([d for _a, d in goods], batch_size=5000)
    ctx.out.write(f"    {len(activities)} activities, {len(goods)} donations in kind")
    return answers


def _seed_targets(ctx: DemoContext, indicators, yearly) -> None:
    """This year's targets: last year's total of the subtree plus 5-15%."""
    last_year = ctx.today.year - 1
    chosen = [i for i in indicators if i.code in (
        "cervical_screening", "breast_screening", "trainees", "lectures", "funds_raised",
        "new_jobs")]
    street_of = {c.pk: street_path(c) for c in ctx.communities}
    totals: dict[tuple[str, int], Decimal] = defaultdict(Decimal)
    for (org_id, indicator_id, year), value in yearly.items():
        if year == last_year:
            path = street_of.get(org_id) or next(
                (s.path for s in ctx.streets if s.pk == org_id), "")
            totals[(path, indicator_id)] += value
            totals[("", indicator_id)] += value
    targets = []
    for org in [ctx.district, *ctx.streets]:
        key = "" if org is ctx.district else org.path
        for indicator in chosen:
            base = totals.get((key, indicator.pk))
            if base:
                target = (base * Decimal(ctx.rng.uniform(1.05, 1.15))).quantize(Decimal(1))
                targets.append(AnnualTarget(org=org, indicator=indicator,
                                            year=ctx.today.year, target=target))
                # Next year's, set in December for the plan part of the year-end summary.
                targets.append(AnnualTarget(
                    org=org, indicator=indicator, year=ctx.today.year + 1,
                    target=(target * Decimal("1.08")).quantize(Decimal(1))))
    AnnualTarget.objects.bulk_create(targets)
