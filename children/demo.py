"""Fictitious child-friendly projects, nursing rooms with assessments, an expert pool and
children with pairings, visits and grants (about 30/60/12/200 at district scale)."""

from __future__ import annotations

import datetime
from decimal import Decimal

from children.models import (
    Assessment,
    AssessmentScore,
    Child,
    Expert,
    Facility,
    Grant,
    GrantProgramme,
    Milestone,
    NursingRoom,
    Pairing,
    PlaceType,
    Project,
    ProjectDomain,
    ProjectStatus,
    RoomStatus,
    SiteEvent,
    Visit,
)
from children.models.assistance import ChildCategory
from children.models.projects import SITE_ACTIVITY_CATEGORY
from children.models.rooms import MAX_ITEM_SCORE
from federation.kernel.demo import PLACES, DemoContext
from federation.kernel.privacy import id_check_digit, lookup_hash
from orgs.activities.models import Activity, ActivityCategory
from orgs.models import Role

SITE_TITLES = {"study_tour": "研学活动", "council": "儿童议事会", "observers": "儿童观察团活动",
               "other": "儿童活动"}

FIELDS = ["妇幼保健", "儿童保健", "建筑设计", "公共卫生", "护理", "室内设计", "儿童心理",
          "社会工作", "质量监督", "母婴营养"]
PLACE_NAMES = {"transport_hub": "{p}高铁站", "mall": "{p}购物中心", "hospital": "{p}妇幼保健院",
               "scenic_area": "{p}湿地景区", "venue": "{p}体育中心", "park": "{p}公园",
               "office": "{p}商务大厦", "government": "{p}政务服务中心",
               "workplace": "{p}科技园区", "other": "{p}文化馆"}
PROJECT_NAMES = {"park": "{p}儿童友好公园改造", "school_route": "{p}通学路安全提升",
                 "hospital": "{p}医院儿童友好诊区", "library": "{p}图书馆少儿阅读空间",
                 "childrens_home": "{p}儿童之家", "study_tour": "{p}研学路线"}
SITUATIONS = ["父母双方外出务工，由祖父母照料", "父亲病故，母亲改嫁，由祖母抚养",
              "家庭低保户，母亲患重病", "单亲家庭，父亲残疾", "父母离异，随外祖母生活"]


def seed(ctx: DemoContext) -> None:
    experts = _seed_experts(ctx)
    _seed_projects(ctx)
    _seed_rooms(ctx, experts)
    _seed_children(ctx)


def _orgs(ctx: DemoContext) -> list:
    return [o for o in ctx.streets + ctx.communities if o.is_active] or [ctx.district]


def _seed_experts(ctx: DemoContext) -> list[Expert]:
    rng = ctx.rng
    experts = [Expert(org=ctx.district, name=ctx.person_name(), field=rng.choice(FIELDS),
                      workplace=rng.choice(["区妇幼保健院", "区卫健局", "市建筑设计院",
                                            "区疾控中心", "师范学院"]),
                      contact=ctx.phone())
               for _ in range(ctx.n(12, minimum=3))]
    return Expert.objects.bulk_create(experts)


def _seed_projects(ctx: DemoContext) -> None:
    rng, today = ctx.rng, ctx.today
    domains = list(ProjectDomain.objects.all())
    orgs = _orgs(ctx)
    projects = []
    for i in range(ctx.n(30, minimum=5)):
        domain = domains[i % len(domains)]
        status = rng.choice(ProjectStatus.values)
        start = ctx.date_between(today - datetime.timedelta(days=900),
                                 today - datetime.timedelta(days=60))
        planned = Decimal(rng.randrange(300, 20000)) if rng.random() < 0.7 else None
        finished = status in (ProjectStatus.COMPLETED, ProjectStatus.ACCEPTED)
        done_area = planned if finished and planned else (
            (planned * Decimal(rng.randrange(0, 90)) / 100).quantize(Decimal("1"))
            if planned and status == ProjectStatus.BUILDING else Decimal("0"))
        budget = Decimal(rng.randrange(20, 800)) * 10000
        org = rng.choice(orgs)
        place = rng.choice(PLACES)
        name = PROJECT_NAMES.get(domain.code, "{p}" + domain.name_zh + "项目").format(p=place)
        projects.append(Project(
            org=org, name=name, domain=domain, lead_unit=rng.choice(["区妇联", "区教育局",
                                                                     "区住建局", "区卫健局"]),
            partner_units="区妇联、区团委", address=ctx.address(org), planned_area=planned,
            completed_area=done_area or Decimal("0"), budget=budget,
            spent=budget * Decimal(rng.randrange(0, 100)) / 100 if status != "planned" else 0,
            starts_on=start, planned_end=start + datetime.timedelta(days=rng.randrange(180, 720)),
            completed_on=ctx.date_between(start, today) if finished else None, status=status))
    _seed_milestones(ctx, Project.objects.bulk_create(projects))


def _seed_milestones(ctx: DemoContext, projects: list[Project]) -> None:
    rng, today = ctx.rng, ctx.today
    category = ActivityCategory.objects.get(code=SITE_ACTIVITY_CATEGORY)
    milestones, events = [], []
    for project in projects:
        count = rng.randrange(2, 6)
        finished = project.status in (ProjectStatus.COMPLETED, ProjectStatus.ACCEPTED)
        done = count if finished else rng.randrange(0, count)
        for k, title in enumerate(["方案设计", "征求儿童意见", "施工招标", "主体施工", "验收评估"][:count]):
            due = project.starts_on + datetime.timedelta(days=90 * (k + 1))
            milestones.append(Milestone(project=project, title=title, due_on=due,
                                        done_on=min(due, today) if k < done else None))
        if finished and rng.random() < 0.6:
            for _ in range(rng.randrange(1, 4)):
                kind = rng.choice(SiteEvent.Kind.values)
                children = rng.randrange(10, 120)
                activity = Activity(
                    org_id=project.org_id, category=category, place=project.name[:200],
                    title=project.name + SITE_TITLES[kind],
                    starts_on=ctx.date_between(project.completed_on, today),
                    children=children, participants=children + rng.randrange(0, 20))
                events.append(SiteEvent(project=project, kind=kind, activity=activity))
    Milestone.objects.bulk_create(milestones, batch_size=2000)
    Activity.objects.bulk_create([e.activity for e in events], batch_size=2000)
    for event in events:
        event.activity_id = event.activity.pk
    SiteEvent.objects.bulk_create(events, batch_size=2000)


def _seed_rooms(ctx: DemoContext, experts: list[Expert]) -> None:
    rng, today = ctx.rng, ctx.today
    place_types = list(PlaceType.objects.all())
    orgs = _orgs(ctx)
    rooms = []
    for _ in range(ctx.n(60, minimum=6)):
        place_type = rng.choice(place_types)
        large = rng.random() < 0.4
        status = rng.choices(RoomStatus.values, weights=[15, 80, 5])[0]
        built = ctx.date_between(today - datetime.timedelta(days=2000), today)
        org = rng.choice(orgs)
        place = PLACE_NAMES.get(place_type.code, "{p}公共场所").format(p=rng.choice(PLACES))
        rooms.append(NursingRoom(
            org=org, name=f"{place}母婴室", place_name=place, place_type=place_type,
            place_area=rng.randrange(10000, 80000) if large else rng.randrange(800, 9000),
            daily_visitors=rng.randrange(10000, 60000) if large else rng.randrange(200, 9000),
            address=ctx.address(org), area=Decimal(rng.randrange(50, 220)) / 10,
            opening_hours=rng.choice(["08:00-22:00", "09:00-21:00", "全天", "08:30-17:30"]),
            status=status, built_on=built if status != RoomStatus.PLANNED else None,
            closed_on=ctx.date_between(built, today) if status == RoomStatus.CLOSED else None))
    _seed_assessments(ctx, NursingRoom.objects.bulk_create(rooms), experts)


def _seed_assessments(ctx: DemoContext, rooms: list[NursingRoom], experts: list[Expert]) -> None:
    rng, today = ctx.rng, ctx.today
    items = list(Facility.objects.all())
    through = NursingRoom.facilities.through
    links, assessments, plans = [], [], []
    for room in rooms:
        present = [f for f in items if rng.random() < (0.9 if f.required else 0.4)]
        links += [through(nursingroom_id=room.pk, facility_id=f.pk) for f in present]
        if room.status == RoomStatus.PLANNED:
            continue
        for _ in range(rng.randrange(0, 4)):
            day = ctx.date_between(room.built_on, today)
            scores = {f: (rng.randrange(3, MAX_ITEM_SCORE + 1) if f in present else 0)
                      for f in items}
            total = sum(scores.values())
            assessments.append(Assessment(
                room=room, expert=rng.choice(experts), assessed_on=day,
                rating=max(1, min(5, round(total * 5 / (MAX_ITEM_SCORE * len(items))))),
                total_score=total, max_score=MAX_ITEM_SCORE * len(items),
                recommendations=rng.choice(["", "建议增设呼叫设备", "洗手台需提供热水",
                                            "尿布台安全扣损坏，请尽快更换"])))
            plans.append(scores)
    through.objects.bulk_create(links, batch_size=5000)
    assessments = Assessment.objects.bulk_create(assessments, batch_size=2000)
    AssessmentScore.objects.bulk_create(
        (AssessmentScore(assessment=a, facility=f, score=s)
         for a, scores in zip(assessments, plans, strict=True) for f, s in scores.items()),
        batch_size=5000)


def _resident_id(ctx: DemoContext, birth_year: int, serial: int) -> str:
    birth = ctx.date_between(datetime.date(birth_year, 1, 1), datetime.date(birth_year, 12, 28))
    first17 = f"4401{ctx.rng.randrange(10, 99)}{birth:%Y%m%d}{serial % 1000:03d}"
    return first17 + id_check_digit(first17)


def _seed_children(ctx: DemoContext) -> None:
    rng, today = ctx.rng, ctx.today
    communities = [c for c in ctx.communities if c.is_active] or _orgs(ctx)
    children = []
    for i in range(ctx.n(200, minimum=10)):
        female = rng.random() < 0.55
        birth_year = today.year - rng.randrange(4, 17)
        name, id_number = ctx.person_name(female), _resident_id(ctx, birth_year, i)
        relation = rng.choice(["祖母", "祖父", "母亲", "父亲", "外祖母"])
        guardian = ctx.person_name(relation not in ("祖父", "父亲"))
        age = today.year - birth_year
        school = rng.choice(PLACES) + ("幼儿园" if age < 6 else rng.choice(
            ["实验小学", "第一小学", "中心小学"]) if age < 12 else rng.choice(["第二中学", "育才中学"]))
        children.append(Child(
            org=rng.choice(communities), record_no=f"ER{today.year}{i + 1:05d}", name=name,
            name_hash=lookup_hash(name, "child_name"), id_number=id_number,
            id_hash=lookup_hash(id_number, "resident_id"), gender="F" if female else "M",
            birth_year=birth_year, category=rng.choice(ChildCategory.values[:2]),
            guardian_name=guardian, guardian_relation=relation,
            guardian_phone=ctx.phone(), school=school,
            situation=rng.choice(SITUATIONS),
            guardian_consent_on=ctx.date_between(today - datetime.timedelta(days=700), today)))
    _seed_child_records(ctx, Child.objects.bulk_create(children, batch_size=1000))


def _seed_child_records(ctx: DemoContext, children: list[Child]) -> None:
    rng, today = ctx.rng, ctx.today
    programmes = list(GrantProgramme.objects.all())
    managers = [u for role, u in ctx.users.items() if role != Role.LEADER] or [None]
    pairings, visits, grants = [], [], []
    for child in children:
        if managers[0] and rng.random() < 0.7:
            since = ctx.date_between(today - datetime.timedelta(days=900), today)
            mother = ctx.person_name()
            pairings.append(Pairing(child=child, mother_name=mother, mother_phone=ctx.phone(),
                                    manager=rng.choice(managers), since=since,
                                    until=None if rng.random() < 0.8 else today))
            for _ in range(rng.randrange(0, 4)):
                visits.append(Visit(child=child, visited_on=ctx.date_between(since, today),
                                    visitor=mother, notes=rng.choice(
                                        ["辅导作业，情绪稳定", "送去学习用品", "与祖母沟通生活情况",
                                         "陪同参加社区儿童之家活动"])))
        for _ in range(rng.randrange(0, 3)):
            programme = rng.choice(programmes)
            grants.append(Grant(child=child, programme=programme,
                                amount=Decimal(rng.choice([300, 500, 600, 800, 1000, 2000])),
                                paid_on=ctx.date_between(today - datetime.timedelta(days=700),
                                                         today),
                                payer=rng.choice(["区妇联", "区慈善会", "爱心企业",
                                                  "市儿童少年基金会"])))
    Pairing.objects.bulk_create(pairings, batch_size=2000)
    Visit.objects.bulk_create(visits, batch_size=2000)
    Grant.objects.bulk_create(grants, batch_size=2000)
    ctx.out.write(f"    children: {len(children)} children, {len(pairings)} pairings, "
                  f"{len(grants)} grants")
