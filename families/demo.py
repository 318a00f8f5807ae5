"""Demo honours over two years and ~16,000 courtyard households with inspections (district scale);
五好文明家庭 awarded by list (last year's and this year's approved, one more awaiting approval)
and 巾帼文明岗 created over the years at every level, a few revoked.

Everything goes in with bulk_create; tiers and plaque events are worked out in memory with the
same pure rule the portal uses (`plaque_changes`), so the demo obeys the tier rules.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.utils import timezone, translation

from families import services
from families.models import (
    Action,
    CourtyardCategory,
    CourtyardTier,
    Honour,
    HonourLevel,
    HonourStep,
    HonourType,
    Household,
    Inspection,
    InspectionRound,
    InspectionScore,
    PlaqueEvent,
    Recipient,
    RoundKind,
    ScoreSheet,
    Source,
    State,
    Workflow,
)
from families.models.courtyards import plaque_changes, tier_for
from families.models.honours import FORWARD
from federation.kernel.demo import DemoContext
from orgs.models import OrgKind, Position, Role, User
from orgs.scoping import street_path

BATCH = 5000
ROADS = ("幸福路", "和谐路", "振兴路", "田园路", "桃李街", "荷花巷", "杏林路", "新村路")
REMARKS = ("院落干净整洁", "杂物堆放较乱，已提醒整改", "厨厕卫生良好", "庭院绿化美观", "家风家训上墙",
           "畜禽已圈养", "垃圾分类到位", "")
CITATIONS = ("夫妻和睦，孝老爱亲，多年照顾瘫痪在床的婆婆。", "重视家庭教育，两个孩子均考入重点大学。",
             "热心公益，带头参加巾帼志愿服务。", "勤俭持家，发展庭院经济带动邻里增收。",
             "崇尚科学，家中藏书千余册，坚持亲子共读。", "邻里互助，十余年如一日帮扶孤寡老人。")


def seed(ctx: DemoContext) -> None:
    communities = [c for c in ctx.communities if c.is_active]
    households = _seed_households(ctx, communities)
    n_inspections = _seed_inspections(ctx, households, communities)
    _seed_rounds(ctx)
    n_honours = _seed_honours(ctx, communities, households)
    n_standing = _seed_standing_titles(ctx, communities)
    n_listed = _seed_award_lists(ctx, households)
    ctx.out.write(f"    {len(households)} households, {n_inspections} inspections, "
                  f"{n_honours} honours, {n_standing} standing titles, {n_listed} honoured "
                  "by list")


def _seed_households(ctx: DemoContext, communities) -> list[Household]:
    rng = ctx.rng
    total = ctx.n(16000, 60)
    weights = [c.households or 1 for c in communities]
    villages = rng.choices(communities, weights=weights, k=total)
    start = ctx.today.replace(year=ctx.today.year - 2, month=1, day=1)
    rows = []
    for village in villages:
        in_campaign = rng.random() < 0.8
        rows.append(Household(
            org=village, head_name=ctx.person_name(female=rng.random() < 0.35),
            members=rng.choice((1, 2, 2, 3, 3, 3, 4, 4, 5, 6)),
            address=f"{village.name.removesuffix('妇联')}{rng.choice(ROADS)}"
                    f"{rng.randrange(1, 400)}号",
            phone=ctx.phone(), in_campaign=in_campaign,
            joined_on=ctx.date_between(start, ctx.today - datetime.timedelta(days=120))
            if in_campaign else None))
    return rows


def _month(day: datetime.date, back: int) -> datetime.date:
    index = day.year * 12 + day.month - 1 - back
    return datetime.date(index // 12, index % 12 + 1, 1)


def _seed_inspections(ctx: DemoContext, households, communities) -> int:
    """Each household in the campaign: an admission inspection and 0–3 monthly re-checks."""
    rng = ctx.rng
    sheet = ScoreSheet.current()
    items = list(sheet.items.all())
    tiers = list(CourtyardTier.objects.active())
    members = _inspectors_by_org(communities)
    plans = []  # (household index, [(date, [points per item])])
    for index, household in enumerate(households):
        if not household.in_campaign:
            continue
        quality = rng.uniform(0.55, 1.0)
        visits = [household.joined_on]
        for back in range(rng.randrange(0, 4), 0, -1):
            day = _month(ctx.today, back) + datetime.timedelta(days=rng.randrange(0, 25))
            if day > visits[-1]:
                visits.append(day)
        scored = []
        for day in visits:
            quality = min(1.0, max(0.3, quality + rng.uniform(-0.12, 0.1)))
            scored.append((day, [
                min(item.max_points, Decimal(round(float(item.max_points) * rng.uniform(
                    quality - 0.08, quality + 0.06)))) for item in items]))
        plans.append((index, scored))
        last_day, last_points = scored[-1]
        household.latest_score = sum(last_points, Decimal(0))
        household.latest_inspected_on = last_day
        household.tier = tier_for(household.latest_score, tiers)
    Household.objects.bulk_create(households, batch_size=BATCH)
    _seed_categories(ctx, households)
    inspections, score_points = [], []
    for index, scored in plans:
        household = households[index]
        for day, points in scored:
            inspections.append(Inspection(
                household=household, sheet=sheet, inspected_on=day,
                total=sum(points, Decimal(0)), remarks=rng.choice(REMARKS)))
            score_points.append(points)
    Inspection.objects.bulk_create(inspections, batch_size=BATCH)
    InspectionScore.objects.bulk_create(
        (InspectionScore(inspection=inspection, item=item, points=p)
         for inspection, points in zip(inspections, score_points, strict=True)
         for item, p in zip(items, points, strict=True)), batch_size=BATCH)
    through = Inspection.inspectors.through
    through.objects.bulk_create(
        (through(inspection_id=inspection.pk, person_id=pk)
         for inspection in inspections
         for pk in rng.sample(members.get(inspection.household.org_id, []),
                              min(2, len(members.get(inspection.household.org_id, []))))),
        batch_size=BATCH)
    with translation.override("zh-hans"):  # de-listing reasons are stored text
        events = _plaque_events(inspections, tiers)
    PlaqueEvent.objects.bulk_create(events, batch_size=BATCH)
    return len(inspections)


def _inspectors_by_org(communities) -> dict[int, list[int]]:
    members: dict[int, list[int]] = {}
    rows = Position.objects.current().filter(org__kind=OrgKind.COMMUNITY).values_list(
        "org_id", "person_id")
    for org_id, person_id in rows:
        members.setdefault(org_id, []).append(person_id)
    return members


def _plaque_events(inspections, tiers) -> list[PlaqueEvent]:
    events, current, held = [], {}, {}
    for inspection in inspections:  # per household, in date order
        key = inspection.household_id
        new = tier_for(inspection.total, tiers)
        seen = held.setdefault(key, set())
        for kind, tier, reason in plaque_changes(current.get(key), new, seen, inspection.total):
            events.append(PlaqueEvent(household_id=key, kind=kind, tier=tier, reason=reason,
                                      on=inspection.inspected_on, inspection=inspection))
            seen.add(tier.pk)
        current[key] = new
    return events


def _seed_categories(ctx: DemoContext, households) -> None:
    categories = list(CourtyardCategory.objects.active())
    through = Household.categories.through
    rows = []
    for household in households:
        if household.in_campaign and ctx.rng.random() < 0.15:
            for category in ctx.rng.sample(categories, ctx.rng.choice((1, 1, 2))):
                rows.append(through(household_id=household.pk, courtyardcategory_id=category.pk))
    through.objects.bulk_create(rows, batch_size=BATCH)


def _seed_rounds(ctx: DemoContext) -> None:
    staff = ctx.users[Role.DISTRICT_STAFF]
    sheet = ScoreSheet.current()
    last_month = _month(ctx.today, 1)
    quarter = datetime.date(ctx.today.year, (ctx.today.month - 1) // 3 * 3 + 1, 1)
    for kind, period, size in ((RoundKind.MONTHLY, last_month, 5),
                               (RoundKind.QUARTERLY, _month(quarter, 3), None)):
        inspection_round = InspectionRound.objects.create(
            org=ctx.district, kind=kind, period=period, sample_size=size,
            seed=ctx.rng.randrange(2**40), created_by=staff, sheet=sheet)
        inspection_round.fill()


def _seed_honours(ctx: DemoContext, communities, households) -> int:
    rng = ctx.rng
    types = list(HonourType.objects.active().exclude(workflow__in=(
        Workflow.LIST, Workflow.STANDING)).select_related("criteria_set"))
    criteria = {t.pk: list(t.criteria_set.criteria.all()) if t.criteria_set else [] for t in types}
    levels = {lv.code: lv for lv in HonourLevel.objects.active()}
    chairs = {u.org_id: u for u in User.objects.filter(
        role__in=(Role.COMMUNITY_CHAIR, Role.STREET_CHAIR))}
    staff = ctx.users[Role.DISTRICT_STAFF]
    street_of = {s.path: s.pk for s in ctx.streets}
    linked: dict[int, Household] = {}
    for household in households:
        if household.in_campaign:
            linked.setdefault(household.org_id, household)
    honours, recipients, plans = [], [], []
    open_share = 0.15 + 0.75 * (1 - ctx.today.timetuple().tm_yday / 366)
    for year in (ctx.today.year - 1, ctx.today.year):
        for _ in range(ctx.n(300, 12)):
            community = rng.choice(communities)
            honour_type = rng.choice(types)
            name = (ctx.person_name() + "家庭" if honour_type.subject == "family"
                    else ctx.person_name() if honour_type.subject == "individual"
                    else community.name.removesuffix("妇联") + rng.choice(("卫生服务站", "幼儿园",
                                                                         "巾帼志愿服务队")))
            household = linked.get(community.pk) if honour_type.subject == "family" else None
            recipient = Recipient(kind=honour_type.subject, name=name, org=community,
                                  household=household if rng.random() < 0.3 else None)
            recipients.append(recipient)
            # This year's are decided as the year goes on: by December most are final.
            state = _final_state(rng) if year < ctx.today.year or rng.random() > open_share \
                else rng.choice(ORDER[:-1])
            level = levels[rng.choice(("community", "street", "district", "district", "city",
                                       "provincial"))]
            honours.append(Honour(recipient=recipient, honour_type=honour_type, level=level,
                                  year=year, org=community, source=rng.choice(Source.values),
                                  citation=rng.choice(CITATIONS), state=state))
            street = street_of.get(street_path(community))
            plans.append({Role.COMMUNITY_CHAIR: chairs.get(community.pk, staff),
                          Role.STREET_CHAIR: chairs.get(street, staff)})
    Recipient.objects.bulk_create(recipients, batch_size=BATCH)
    for honour in honours:
        honour.recipient_id = honour.recipient.pk
    steps = []
    for honour, actors in zip(honours, plans, strict=True):
        steps.extend(_walk(ctx, honour, actors, staff))
    Honour.objects.bulk_create(honours, batch_size=BATCH)
    for step in steps:
        step.honour_id = step.honour.pk
    HonourStep.objects.bulk_create(steps, batch_size=BATCH)
    through = Honour.criteria.through
    through.objects.bulk_create(
        (through(honour_id=h.pk, criterion_id=c.pk) for h in honours
         for c in rng.sample(criteria[h.honour_type_id], min(3, len(criteria[h.honour_type_id])))),
        batch_size=BATCH)
    return len(honours)


def _seed_standing_titles(ctx: DemoContext, communities) -> int:
    """巾帼文明岗 created over eight years (more at the lower levels), each through the full
    steps; about one in twelve revoked since."""
    rng = ctx.rng
    honour_type = HonourType.objects.filter(workflow=Workflow.STANDING).first()
    if honour_type is None:
        return 0
    levels = {lv.code: lv for lv in HonourLevel.objects.active()}
    staff = ctx.users[Role.DISTRICT_STAFF]
    actors = {Role.COMMUNITY_CHAIR: staff, Role.STREET_CHAIR: staff}
    units = ("卫生服务站", "幼儿园", "税务分局窗口", "供电所营业厅", "社区服务中心", "小学教研组",
             "人民医院护理部", "农商银行网点")
    honours, recipients, steps = [], [], []
    for _ in range(ctx.n(80, 8)):
        community = rng.choice(communities)
        year = ctx.today.year - rng.randrange(0, 8)
        recipient = Recipient(kind=honour_type.subject, org=community, name=(
            community.name.removesuffix("妇联") + rng.choice(units)))
        level = levels[rng.choice(("national", "provincial", "provincial", "city", "city",
                                   "city", "district", "district", "district", "district"))]
        honour = Honour(recipient=recipient, honour_type=honour_type, level=level, year=year,
                        org=community, source=Source.ORGANIZATION, state=State.AWARDED,
                        citation="岗位建功，服务优质，群众满意度高。")
        steps.extend(_walk(ctx, honour, actors, staff))
        recipients.append(recipient)
        honours.append(honour)
    earlier = [h for h in honours if h.awarded_on and h.year < ctx.today.year]
    for honour in [h for h in earlier if rng.random() < 0.08] or earlier[:1]:
        honour.revoked_on = min(ctx.today, honour.awarded_on + datetime.timedelta(
            days=rng.randrange(200, 900)))
        honour.revocation_reason = "复核不达标，撤销称号"
        steps.append(HonourStep(honour=honour, action=Action.REVOKE, from_state=State.AWARDED,
                                to_state=State.AWARDED, actor=staff,
                                note=honour.revocation_reason,
                                at=timezone.make_aware(datetime.datetime.combine(
                                    honour.revoked_on, datetime.time(10)))))
    Recipient.objects.bulk_create(recipients, batch_size=BATCH)
    for honour in honours:
        honour.recipient_id = honour.recipient.pk
    Honour.objects.bulk_create(honours, batch_size=BATCH)
    for step in steps:
        step.honour_id = step.honour.pk
        step.at = min(step.at, timezone.now())
    HonourStep.objects.bulk_create(steps, batch_size=BATCH)
    return len(honours)


def _seed_award_lists(ctx: DemoContext, households) -> int:
    """五好文明家庭 by list: last year's and this year's district lists approved, and a further
    list this year awaiting approval (on the district's to-do)."""
    honour_type = HonourType.objects.filter(workflow=Workflow.LIST).order_by("order").first()
    if honour_type is None:
        return 0
    rng = ctx.rng
    staff = ctx.users[Role.DISTRICT_STAFF]
    approver = ctx.users.get(Role.DISTRICT_ADMIN, staff)
    district = HonourLevel.objects.get(code="district")
    street = HonourLevel.objects.get(code="street")
    pool = [h for h in households if h.in_campaign]
    awarded = 0
    for year, level, size, approve in (
            (ctx.today.year - 1, district, ctx.n(1500, 12), True),
            (ctx.today.year, district, ctx.n(1800, 15), True),
            (ctx.today.year, street, ctx.n(400, 5), False)):
        chosen = rng.sample(pool, min(size, len(pool)))
        if not approve:  # not the households already honoured this year
            honoured = set(Honour.objects.filter(honour_type=honour_type, year=year)
                           .values_list("recipient__household_id", flat=True))
            chosen = [h for h in chosen if h.pk not in honoured]
        entries = [services.Entry(row=i, org_id=h.org_id, name=f"{h.head_name}家庭",
                                  household_id=h.pk)
                   for i, h in enumerate(sorted(chosen, key=lambda h: (h.org_id, h.pk)),
                                         start=2)]
        award_list = services.create_award_list(honour_type, level, year, entries, staff)
        if approve:
            on = min(ctx.today, datetime.date(year, 12, 10))
            awarded += services.approve_award_list(award_list, approver, on=on)
    return awarded


def _final_state(rng) -> str:
    roll = rng.random()
    return State.AWARDED if roll < 0.75 else State.REJECTED if roll < 0.93 else State.DISQUALIFIED


ORDER = [State.NOMINATED, State.REVIEWED, State.NOTICE, State.RECOMMENDED,
         State.DISTRICT_REVIEWED, State.AWARDED]


def _walk(ctx: DemoContext, honour: Honour, actors: dict, staff) -> list[HonourStep]:
    """Workflow steps that lead to the honour's state, dated across its year."""
    rng = ctx.rng
    deciders = {start: actors.get(roles[0], staff) for start, _end, roles in FORWARD.values()}
    target = honour.state
    if target == State.REJECTED:
        stop = rng.randrange(1, 5)
    elif target == State.DISQUALIFIED:
        stop = rng.randrange(0, 5)
    else:
        stop = ORDER.index(target)
    day = datetime.date(honour.year, 3, 1) + datetime.timedelta(days=rng.randrange(0, 60))

    def when(d: datetime.date) -> datetime.datetime:  # never later than now (early January)
        return min(timezone.make_aware(datetime.datetime.combine(d, datetime.time(10))),
                   timezone.now())

    steps = [HonourStep(honour=honour, action="nominate", to_state=State.NOMINATED,
                        actor=actors[Role.COMMUNITY_CHAIR], at=when(day))]
    day += datetime.timedelta(days=rng.randrange(3, 10))
    for action, (start, end, roles) in list(FORWARD.items())[:stop]:
        actor = actors.get(roles[0], staff)
        if action == Action.PUBLISH:
            honour.notice_starts, honour.notice_ends = day, day + datetime.timedelta(days=4)
        if action == Action.AWARD:
            honour.awarded_on = min(day, ctx.today)
        steps.append(HonourStep(honour=honour, action=action, from_state=start, to_state=end,
                                actor=actor, at=when(day)))
        day += datetime.timedelta(days=rng.randrange(5, 30))
    if target == State.REJECTED:
        honour.rejection_reason = rng.choice(("事迹材料不够充分", "名额有限，择优推荐", "不符合申报条件"))
        steps.append(HonourStep(honour=honour, action=Action.REJECT, from_state=ORDER[stop],
                                to_state=target, actor=deciders[ORDER[stop]],
                                note=honour.rejection_reason, at=when(day)))
    elif target == State.DISQUALIFIED:
        honour.finding = rng.choice(("crime", "drugs", "gambling"))
        steps.append(HonourStep(honour=honour, action=Action.DISQUALIFY, from_state=ORDER[stop],
                                to_state=target, actor=staff, note="公示期间收到实名反映，经核实",
                                at=when(day)))
    return steps
