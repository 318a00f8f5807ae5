"""A plausible year of rights work: several hundred cases at district scale with timelines,
mediations and follow-ups, and a risk register with monthly screenings. Every person is
fictitious; ID numbers carry a valid check digit but a made-up birth date and sequence."""

from __future__ import annotations

import datetime
from collections import defaultdict

from django.contrib.auth.models import Group

from federation.kernel.demo import DemoContext
from federation.kernel.privacy import id_check_digit, lookup_hash
from orgs.models import Role, User
from rights.models import (
    ActionType,
    Assistance,
    AssistanceKind,
    AssistanceTarget,
    Case,
    CaseAction,
    Category,
    Channel,
    ColourLevel,
    Complainant,
    FundSource,
    Household,
    Mediation,
    MediationSession,
    NumberSeries,
    Outcome,
    RiskFactor,
    Screening,
    Status,
    TimeLimit,
)

# Shares seen in federation petition reports: marriage and family dominate.
CATEGORY_WEIGHTS = {
    "family_dispute": 16, "domestic_violence": 14, "divorce_property": 8, "divorce_housing": 4,
    "divorce_custody": 6, "custody_visitation": 5, "affair": 6, "elder_support": 5,
    "inheritance": 3, "abandonment": 1, "marriage_interference": 1, "marriage_other": 3,
    "labour": 6, "welfare": 4, "social_insurance": 2, "gender_discrimination": 1,
    "land_contract": 2, "land_compensation": 2, "collective_income": 3, "homestead": 1,
    "demolition": 1, "injury": 2, "sexual_violence": 1, "culture_education": 1,
    "political": 1, "general": 2,
}
CHANNEL_WEIGHTS = {"phone": 35, "visit": 30, "online": 10, "letter": 5, "screening": 8,
                   "police": 7, "higher": 5}
RISK_WEIGHTS = {1: 4, 2: 12, 3: 34, 4: 50}
RELATIONS = ["配偶", "前夫", "同居人", "子女", "父母", "公婆", "用人单位", "村委会", "邻居"]
SUMMARIES = {
    "domestic_violence": ["丈夫酒后多次殴打，请求帮助", "长期遭受言语威胁和殴打，担心孩子安全",
                          "派出所已出具告诫书，仍有骚扰"],
    "family_dispute": ["婆媳矛盾激化，要求调解", "兄弟姐妹因老人赡养和房产发生争执"],
    "labour": ["怀孕后被单位辞退，咨询维权途径", "拖欠工资三个月"],
    "collective_income": ["出嫁后被取消集体经济收益分配资格"],
}
NOTES = ["电话了解情况，做好记录", "上门走访，当事人情绪稳定", "联系村（社区）妇联共同跟进",
         "向当事人解释相关法律规定", "组织双方面对面沟通"]
AGENCY_FOR = {"legal_aid_referral": "legal_aid", "referral_police": "police",
              "referral_court": "court", "referral_civil_affairs": "civil_affairs",
              "referral_school": "school"}
COLOUR_WEIGHTS = {"red": 8, "orange": 22, "pink": 40, "blue": 22, "green": 8}
FACTORS_FOR = {"red": ["violence", "fighting", "drugs", "corrections", "mental_illness"],
               "orange": ["marital_conflict", "hardship"],
               "pink": ["single_parent", "lost_only_child", "left_behind_elder",
                        "left_behind_child", "left_behind_woman"],
               "blue": ["marital_conflict"], "green": []}


def pick(rng, weights: dict):
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def fake_id(rng, birth: datetime.date) -> str:
    first17 = f"3301{rng.randrange(2, 9):02d}{birth:%Y%m%d}{rng.randrange(0, 999):03d}"
    return first17 + id_check_digit(first17)


def seed(ctx: DemoContext) -> None:
    handlers = _handlers(ctx)
    cases = _seed_cases(ctx, handlers)
    _seed_mediations(ctx, cases)
    _seed_register(ctx)
    aided = _seed_assistance(ctx, handlers)
    ctx.out.write(f"    {len(cases)} rights cases, {Mediation.objects.count()} mediations, "
                  f"{Household.objects.count()} risk-register households, "
                  f"{aided} assistance records")


# Kinds of help in a district year (district scale): records, yuan (cash) range, goods, the
# level that gives it. Shaped on the reports: 14 women × 1万元 two-cancer relief from the
# province, 36 micro-loans of 343万元, visits with 慰问金 and goods at Spring Festival and 三八.
ASSISTANCE_PLAN = {
    "two_cancer": (18, (10000, 10000), None, "community", "higher_special"),
    "hardship_visit": (160, (300, 1000), ("米、油、棉被", 200, 600), "community", "district_budget"),
    "single_mother": (60, (500, 2000), ("学习用品、生活用品", 100, 400), "community", "donation"),
    "micro_loan": (36, (50000, 150000), None, "street", "bank_loan"),
    "entrepreneurship": (10, (5000, 20000), None, "street", "own_funds"),
    "other": (20, (200, 1500), ("慰问品", 100, 300), "community", "donation"),
}
VISIT_MONTHS = (1, 2, 3, 6, 9, 12)  # Spring Festival, 三八, 六一, mid-autumn, year end


def _seed_assistance(ctx: DemoContext, handlers: dict) -> int:
    """This year so far and last year, with repeat visits to the same women (each counts once
    among the women aided); annual targets for the district and each street."""
    rng, today = ctx.rng, ctx.today
    kinds = {k.code: k for k in AssistanceKind.objects.all()}
    funds = {f.code: f for f in FundSource.objects.all()}
    communities = [c for c in ctx.communities if c.is_active]
    first_street = ctx.streets[0]
    registrars = handlers["registrars"]
    counters: dict[int, int] = defaultdict(int)
    for year, last in NumberSeries.objects.filter(series="A").values_list("year", "last"):
        counters[year] = last
    women: list[tuple] = []  # (name, id number, phone, community): aided again at times
    records = []
    for year in (today.year - 1, today.year):
        start = datetime.date(year, 1, 1)
        end = today if year == today.year else datetime.date(year, 12, 31)
        share = (end - start).days / 365 if year == today.year else 1
        for code, (count, (low, high), goods, level, fund) in ASSISTANCE_PLAN.items():
            for i in range(ctx.n(round(count * max(share, 0.1)), 3)):
                pool = ([c for c in communities if c.path.startswith(first_street.path)]
                        if i < 3 else communities)
                if women and code in ("hardship_visit", "single_mother") and rng.random() < 0.2:
                    name, id_number, phone, community = rng.choice(women)
                else:
                    community = rng.choice(pool)
                    birth = ctx.date_between(datetime.date(1955, 1, 1),
                                             datetime.date(1998, 12, 31))
                    name, id_number, phone = ctx.person_name(), fake_id(rng, birth), ctx.phone()
                    women.append((name, id_number, phone, community))
                org = community if level == "community" else _street_of(ctx, community)
                if code == "hardship_visit":
                    month = rng.choice([m for m in VISIT_MONTHS if datetime.date(year, m, 1) <= end]
                                       or [1])
                    given_on = min(ctx.date_between(datetime.date(year, month, 1),
                                                    datetime.date(year, month, 28)), end)
                else:
                    given_on = ctx.date_between(start, end)
                amount = (low if low == high
                          else round(rng.randrange(low, high + 1), -2 if high < 20000 else -3))
                counters[given_on.year] += 1
                registrar = registrars.get(community.pk) or ctx.users[Role.DISTRICT_STAFF]
                records.append(Assistance(
                    number=f"A-{given_on.year}-{counters[given_on.year]:05d}", name=name,
                    id_number=id_number, id_hash=lookup_hash(id_number, "id"), phone=phone,
                    phone_hash=lookup_hash(phone, "phone"), address=ctx.address(community),
                    kind=kinds[code], amount=amount,
                    goods=goods[0] if goods else None,
                    goods_value=rng.randrange(goods[1], goods[2], 10) if goods else None,
                    given_on=given_on, org=org, fund_source=funds[fund],
                    registered_by=registrar if level == "community"
                    else ctx.users[Role.DISTRICT_STAFF]))
    Assistance.objects.bulk_create(records, batch_size=500)
    for year, last in counters.items():
        NumberSeries.objects.update_or_create(series="A", year=year, defaults={"last": last})
    targets = [AssistanceTarget(org=ctx.district, year=today.year, kind=None,
                                women=ctx.n(300), amount=ctx.n(4_500_000))]
    targets += [AssistanceTarget(org=ctx.district, year=today.year, kind=kinds[code],
                                 women=ctx.n(women_target), amount=ctx.n(money))
                for code, women_target, money in (("two_cancer", 20, 200_000),
                                                  ("micro_loan", 40, 4_000_000),
                                                  ("hardship_visit", 150, 120_000))]
    targets += [AssistanceTarget(org=street, year=today.year, kind=None,
                                 women=max(3, round(300 * ctx.factor / len(ctx.streets))))
                for street in ctx.streets]
    AssistanceTarget.objects.bulk_create(targets)
    return len(records)


def _handlers(ctx: DemoContext) -> dict:
    """Rights staff (the demo district_staff plus two colleagues) and each street's chair."""
    group = Group.objects.get(name="Rights case handlers")
    staff = ctx.users[Role.DISTRICT_STAFF]
    colleagues = [User(username=f"rights_staff{i}", first_name=name, role=Role.DISTRICT_STAFF,
                       org=ctx.district, password=ctx.password_hash)
                  for i, name in ((1, "维权专干甲"), (2, "维权专干乙"))]
    User.objects.bulk_create(colleagues)
    rights_staff = [staff, *User.objects.filter(username__in=[u.username for u in colleagues])]
    group.user_set.add(*rights_staff)
    chairs = {u.org_id: u for u in User.objects.filter(role=Role.STREET_CHAIR,
                                                       org__in=ctx.streets)}
    chairs[ctx.streets[0].pk] = ctx.users[Role.STREET_CHAIR]
    registrars = {u.org_id: u for u in User.objects.filter(role=Role.COMMUNITY_CHAIR)}
    return {"staff": rights_staff, "chairs": chairs, "registrars": registrars}


def _street_of(ctx: DemoContext, community):
    return next(s for s in ctx.streets if community.path.startswith(s.path))


def _seed_cases(ctx: DemoContext, handlers: dict) -> list[Case]:
    rng, today = ctx.rng, ctx.today
    refs = {m: {r.code: r for r in m.objects.all()}
            for m in (Category, Channel, ActionType, Outcome)}
    limits = {t.code: t.days for t in TimeLimit.objects.all()}
    communities = [c for c in ctx.communities if c.is_active]
    first_street = ctx.streets[0]
    complainants, plans = [], []
    # Cases from 1 January last year to today, about 420 a year at district scale, so that
    # the summary's comparison with last year compares two whole periods.
    start = datetime.date(today.year - 1, 1, 1)
    years = ((today - start).days + 1) / 365
    for i in range(round(ctx.n(420, 30) * years)):
        # The first few land in the demo street chair's street so that she has work.
        pool = [c for c in communities if c.path.startswith(first_street.path)] if i < 6 \
            else communities
        community = rng.choice(pool)
        if complainants and rng.random() < 0.08:  # a returning complainant
            person = rng.choice(complainants)
        else:
            birth = ctx.date_between(datetime.date(1955, 1, 1), datetime.date(2004, 12, 31))
            id_number = fake_id(rng, birth) if rng.random() < 0.6 else ""
            phone = ctx.phone()
            person = Complainant(name=ctx.person_name(), birth_year=birth.year,
                                 id_number=id_number or None, phone=phone,
                                 address=ctx.address(community), org=community,
                                 id_hash=lookup_hash(id_number, "id"),
                                 phone_hash=lookup_hash(phone, "phone"))
            complainants.append(person)
        plans.append((i, community, person))
    Complainant.objects.bulk_create(complainants, batch_size=500)

    counters: dict[int, int] = defaultdict(int)
    for year, last in NumberSeries.objects.filter(series="W").values_list("year", "last"):
        counters[year] = last
    cases, actions = [], []
    staff_pool = handlers["staff"]
    for i, community, person in sorted(plans, key=lambda p: p[0]):
        received = today - datetime.timedelta(days=rng.randrange(0, 25)) if i < 6 \
            else ctx.date_between(start, today)
        counters[received.year] += 1
        category = refs[Category][pick(rng, CATEGORY_WEIGHTS)]
        age = received.year - person.birth_year if person.birth_year else None
        consent = rng.random() < 0.7
        street = _street_of(ctx, community)
        chair = handlers["chairs"].get(street.pk)
        handler = chair if (i < 6 or rng.random() < 0.45) and chair else rng.choice(staff_pool)
        registrar = handlers["registrars"].get(community.pk) if rng.random() < 0.2 else None
        case = Case(
            number=f"W-{received.year}-{counters[received.year]:04d}", complainant=person,
            org=community, channel=refs[Channel][pick(rng, CHANNEL_WEIGHTS)],
            received_on=received, category=category, risk=pick(rng, RISK_WEIGHTS),
            complainant_age=age, other_party=ctx.person_name(female=False),
            relation=rng.choice(RELATIONS), children_involved=rng.choice([0, 0, 1, 1, 2]),
            summary=rng.choice(SUMMARIES.get(category.code, ["当事人来访反映权益受损，请求帮助"])),
            consent_to_share=consent, consent_on=received if consent else None,
            registered_by=registrar or rng.choice(staff_pool), handler=handler,
            accept_due_on=received + datetime.timedelta(days=limits["accept"]),
            due_on=received + datetime.timedelta(days=limits["close"]))
        age_days = (today - received).days
        if i >= 6 or age_days > 3:
            case.accepted_on = received + datetime.timedelta(days=rng.randrange(0, 4))
            case.status = Status.IN_PROGRESS
        if age_days > 10 and rng.random() < min(0.97, age_days / 70) and i >= 6:
            _close(ctx, case, refs[Outcome], age_days)
        if case.status != Status.CLOSED and rng.random() < 0.08:
            case.extended = True
            case.due_on += datetime.timedelta(days=limits["extension"])
        cases.append(case)
        actions += _timeline(ctx, case, refs[ActionType])
    for year, last in counters.items():
        NumberSeries.objects.update_or_create(series="W", year=year, defaults={"last": last})
    Case.objects.bulk_create(cases, batch_size=500)
    for action in actions:
        action.case_id = action.case.pk
    CaseAction.objects.bulk_create(actions, batch_size=1000)
    return cases


def _close(ctx: DemoContext, case: Case, outcomes: dict, age_days: int) -> None:
    rng = ctx.rng
    days = min(age_days, max(1, int(rng.gauss(24, 14))))
    code = rng.choices(["mediated", "referred_resolved", "advice", "withdrawn", "not_accepted"],
                       weights=[40, 20, 28, 7, 5])[0]
    case.status, case.outcome = Status.CLOSED, outcomes[code]
    case.closed_on = case.received_on + datetime.timedelta(days=days)
    case.days_to_close = days
    case.outcome_note = "不属于妇联受理范围，已告知其他渠道" if code == "not_accepted" else ""
    if rng.random() < 0.8 and case.closed_on + datetime.timedelta(days=7) <= ctx.today:
        case.followed_up_on = case.closed_on + datetime.timedelta(days=rng.randrange(3, 8))
        case.satisfaction = rng.choices(["satisfied", "basically", "unsatisfied"],
                                        weights=[80, 16, 4])[0]


def _timeline(ctx: DemoContext, case: Case, types: dict) -> list[CaseAction]:
    rng, today = ctx.rng, ctx.today
    end = case.closed_on or today
    steps = ["consultation"] + rng.sample(
        ["home_visit", "mediation", "counselling", "followup_call", "legal_aid_referral",
         "referral_police", "protection_order", "warning_letter", "shelter", "referral_court"],
        rng.randrange(0, 4))
    if not case.consent_to_share:
        steps = [s for s in steps if not types[s].is_referral]
    rows = []
    for n, code in enumerate(steps):
        on = min(end, case.received_on + datetime.timedelta(days=n * rng.randrange(2, 9)))
        action = CaseAction(case=case, type=types[code], on=on, by=case.handler,
                            notes=rng.choice(NOTES), next_step="继续跟进" if n < len(steps) - 1
                            else "", due_on=on + datetime.timedelta(days=7))
        if types[code].is_referral:
            action.agency = AGENCY_FOR[code]
            action.feedback_due_on = on + datetime.timedelta(days=15)
            if action.feedback_due_on < today and rng.random() < 0.85:
                action.feedback_on = action.feedback_due_on - datetime.timedelta(
                    days=rng.randrange(0, 10))
                action.feedback = "已受理并反馈处理情况"
        rows.append(action)
    return rows


def _seed_mediations(ctx: DemoContext, cases: list[Case]) -> None:
    rng = ctx.rng
    mediations, sessions = [], []
    for case in cases:
        if case.category.parent_id is None or case.category.parent.code != "marriage_family":
            continue
        if rng.random() > 0.3:
            continue
        started = case.received_on + datetime.timedelta(days=rng.randrange(1, 10))
        if started > ctx.today:
            continue
        done = case.status == Status.CLOSED
        mediation = Mediation(case=case, started_on=started, parties=f"申请人、{case.relation}",
                              mediators=rng.choice(["区婚调委调解员", "街道妇联主席、人民调解员",
                                                    "社区妇联主席、律师志愿者"]),
                              agreement_reached=(rng.random() < 0.82) if done else None,
                              concluded_on=case.closed_on if done else None,
                              registered_by=case.handler)
        if mediation.agreement_reached:
            mediation.agreement = "双方达成调解协议"
        mediations.append(mediation)
    Mediation.objects.bulk_create(mediations, batch_size=500)
    for mediation in mediations:
        for n in range(rng.randrange(1, 4)):
            held = mediation.started_on + datetime.timedelta(days=7 * n)
            if held <= ctx.today:
                sessions.append(MediationSession(mediation=mediation, held_on=held,
                                                 mediators=mediation.mediators,
                                                 notes="双方陈述意见，调解员释法说理"))
    MediationSession.objects.bulk_create(sessions, batch_size=1000)


def _seed_register(ctx: DemoContext) -> None:
    rng, today = ctx.rng, ctx.today
    colours = {c.code: c for c in ColourLevel.objects.all()}
    factors = {f.code: f for f in RiskFactor.objects.all()}
    chairs = {u.org_id: u for u in User.objects.filter(role=Role.COMMUNITY_CHAIR)}
    fallback = ctx.users[Role.DISTRICT_STAFF]
    communities = [c for c in ctx.communities if c.is_active]
    households, chosen = [], []
    base = (NumberSeries.objects.filter(series="H", year=today.year)
            .values_list("last", flat=True).first() or 0)
    for i in range(base, base + ctx.n(320, 20)):
        community = rng.choice(communities)
        # every level appears at least once, even on the smallest seed
        colour = (list(COLOUR_WEIGHTS)[i - base] if i - base < len(COLOUR_WEIGHTS)
                  else pick(rng, COLOUR_WEIGHTS))
        letters = rng.choice([0, 1, 2, 3]) if colour == "red" else 0
        phone = ctx.phone()
        households.append(Household(
            file_number=f"H-{today.year}-{i + 1:05d}", org=community,
            head_name=ctx.person_name(), phone=phone, phone_hash=lookup_hash(phone, "phone"),
            address=ctx.address(community), colour=colours[colour], warning_letters=letters,
            measures=rng.choice(["每月上门走访", "联系派出所重点关注", "链接社工心理疏导",
                                 "协调低保救助"]),
            responsible=rng.choice(["社区妇联主席", "网格员", "社区民警", "驻村干部"]),
            next_visit_on=today + datetime.timedelta(days=rng.randrange(-10, 30)),
            created_by=chairs.get(community.pk, fallback)))
        chosen.append(rng.sample(FACTORS_FOR[colour], min(len(FACTORS_FOR[colour]),
                                                          rng.randrange(1, 3))))
    Household.objects.bulk_create(households, batch_size=500)
    NumberSeries.objects.update_or_create(series="H", year=today.year,
                                          defaults={"last": base + len(households)})
    through = Household.factors.through
    through.objects.bulk_create([through(household_id=h.pk, riskfactor_id=factors[code].pk)
                                 for h, codes in zip(households, chosen, strict=True)
                                 for code in codes], batch_size=2000)
    screenings = []
    first = today.replace(day=1)
    months = [(first - datetime.timedelta(days=31 * k)).replace(day=1) for k in range(3)]
    for household in households:
        for month in months:
            screenings.append(Screening(household=household, month=month,
                                        colour=household.colour, notes="例行排查",
                                        screened_by=household.created_by))
    Screening.objects.bulk_create(screenings, batch_size=2000)
