"""Demo organization tree, executive committees and one login per role."""

from __future__ import annotations

import datetime

from django.contrib.auth.hashers import make_password

from federation.kernel.demo import (
    COMMUNITY_SUFFIXES,
    COMPANIES,
    DEMO_PASSWORD,
    PLACES,
    STREET_SUFFIXES,
    UNITS,
    DemoContext,
)
from orgs.duties.demo import seed as seed_duties
from orgs.models import (
    Education,
    Joined,
    Organization,
    OrgKind,
    Person,
    PoliticalStatus,
    Position,
    Post,
    Role,
    Term,
    User,
)
from orgs.sites.demo import seed as seed_sites
from orgs.tallies.demo import seed_activities_and_tallies
from orgs.teams.demo import seed as seed_teams

OTHER_KINDS = [  # (kind, share of the ~500 other organizations, name pattern)
    (OrgKind.WOMENS_HOME, 0.35, "{place}妇女之家"),
    (OrgKind.MICRO_HOME, 0.25, "{place}妇女微家"),
    (OrgKind.STUDIO, 0.10, "{place}执委履职工作室"),
    (OrgKind.NEW_SECTOR, 0.15, "{company}妇委会"),
    (OrgKind.UNIT_COMMITTEE, 0.10, "{unit}妇委会"),
    (OrgKind.INDUSTRY, 0.03, "{place}社会体育指导员妇联"),
    (OrgKind.REGIONAL, 0.02, "{place}区域妇联"),
]


class TreeBuilder:
    """Builds materialized paths in memory so that thousands of nodes go in with bulk_create."""

    def __init__(self):
        self.nodes: list[Organization] = []
        self.children: dict[str, int] = {}
        self.codes = 0

    def add(self, parent: Organization | None, **fields) -> Organization:
        parent_path = parent.path if parent else ""
        position = self.children.get(parent_path, 0) + 1
        self.children[parent_path] = position
        depth = parent.depth + 1 if parent else 1
        node = Organization(path=Organization._get_path(parent_path or None, depth, position),
                            depth=depth, numchild=0, **fields)
        if parent:
            parent.numchild += 1
        self.nodes.append(node)
        return node


def seed(ctx: DemoContext) -> None:
    tree = TreeBuilder()
    rng = ctx.rng
    founded = datetime.date(1985, 3, 8)
    district = tree.add(None, code="D01", name="示范区妇女联合会", kind=OrgKind.DISTRICT,
                        address="示范区人民路1号", founded_on=founded, population=820000,
                        female_population=405000, households=230000, venue="区妇女儿童活动中心",
                        has_womens_home=True, has_rights_station=True,
                        has_marriage_guidance=True, has_womens_school=True)
    places = list(PLACES)
    rng.shuffle(places)
    n_streets, n_communities = ctx.n(12, 3), ctx.n(153, 12)
    streets, communities = [], []
    for i in range(n_streets):
        place = places[i % len(places)] + ("" if i < len(places) else str(i // len(places) + 1))
        suffix = STREET_SUFFIXES[0] if i % 3 else rng.choice(STREET_SUFFIXES)
        streets.append(tree.add(
            district, code=f"S{i + 1:03d}", name=f"{place}{suffix}妇联", kind=OrgKind.STREET,
            founded_on=founded, address=f"{place}{suffix}政府大院", population=0,
            female_population=0, households=0, has_womens_home=True,
            has_rights_station=rng.random() < 0.8, has_marriage_guidance=rng.random() < 0.5))
    for i in range(n_communities):
        street = streets[i % n_streets]
        place = places[(i * 7 + 3) % len(places)] + places[(i * 11 + 5) % len(places)][0]
        households = rng.randrange(300, 2500)
        population = int(households * rng.uniform(2.4, 3.2))
        community = tree.add(
            street, code=f"C{i + 1:04d}", name=f"{place}{rng.choice(COMMUNITY_SUFFIXES)}妇联",
            kind=OrgKind.COMMUNITY, founded_on=founded, households=households,
            population=population, female_population=int(population * rng.uniform(0.48, 0.52)),
            venue="党群服务中心", venue_area=rng.choice([60, 80, 120, 150, 200]),
            has_womens_home=rng.random() < 0.9, has_childrens_home=rng.random() < 0.6,
            has_womens_school=rng.random() < 0.3, has_marriage_guidance=rng.random() < 0.2,
            address=f"{street.name.removesuffix('妇联')}{place}路{rng.randrange(1, 99)}号")
        # One community in forty opened this year and one in fifty closed last year.
        if i % 40 == 39:
            community.founded_on = ctx.today.replace(month=1, day=1)
        if i % 50 == 49:
            community.dissolved_on = ctx.today.replace(year=ctx.today.year - 1, month=6, day=30)
            community.is_active = False
        street.households += households
        street.population += population
        street.female_population += community.female_population
        communities.append(community)
    others = []
    n_others = ctx.n(500, 20)
    for kind, share, pattern in OTHER_KINDS:
        for _ in range(max(1, round(n_others * share))):
            parent = rng.choice(communities if kind in (
                OrgKind.WOMENS_HOME, OrgKind.MICRO_HOME, OrgKind.STUDIO) else streets + [district])
            name = pattern.format(place=parent.name.removesuffix("妇联"),
                                  company=rng.choice(PLACES) + rng.choice(COMPANIES),
                                  unit=rng.choice(UNITS))
            others.append(tree.add(parent, code=f"O{len(others) + 1:05d}", name=name, kind=kind,
                                   founded_on=ctx.date_between(datetime.date(2015, 1, 1),
                                                               datetime.date(2024, 12, 31))))
    Organization.objects.bulk_create(tree.nodes, batch_size=2000)
    saved = {o.code: o for o in Organization.objects.all()}
    ctx.district = saved[district.code]
    ctx.streets = [saved[s.code] for s in streets]
    ctx.communities = [saved[c.code] for c in communities]
    ctx.others = [saved[o.code] for o in others]
    _seed_committees(ctx)
    _seed_users(ctx)
    ctx.out.write(f"    {len(tree.nodes)} organizations, "
                  f"{Person.objects.count()} committee members")
    seed_activities_and_tallies(ctx)
    seed_campaigns_and_highlights(ctx)
    seed_teams(ctx)
    seed_sites(ctx)
    seed_duties(ctx)


def _seed_committees(ctx: DemoContext) -> None:
    rng = ctx.rng
    this_term_start = datetime.date(2021, 6, 1)
    last_term_start = datetime.date(2016, 6, 1)
    people, positions, terms = [], [], []
    plan = []  # (org, [(post, how many)])
    plan.append((ctx.district, [(Post.CHAIR, 1), (Post.VICE_CHAIR_FULL, 3),
                                (Post.VICE_CHAIR_PART, 4), (Post.STANDING, 9), (Post.MEMBER, 25)]))
    for street in ctx.streets:
        plan.append((street, [(Post.CHAIR, 1), (Post.VICE_CHAIR_FULL, 1),
                              (Post.VICE_CHAIR_PART, 2), (Post.MEMBER, rng.randrange(18, 24))]))
    for community in ctx.communities:
        plan.append((community, [(Post.CHAIR, 1), (Post.VICE_CHAIR_PART, 2),
                                 (Post.MEMBER, rng.randrange(11, 15)),
                                 (Post.DELEGATE, rng.randrange(0, 3))]))
    for org in ctx.others:
        plan.append((org, [(Post.CHAIR, 1), (Post.MEMBER, rng.randrange(0, 2))]))
    for org, posts in plan:
        seats = sum(n for _, n in posts)
        level = org.kind in (OrgKind.DISTRICT, OrgKind.STREET, OrgKind.COMMUNITY)
        if level:
            terms.append(Term(org=org, number=1, election_date=last_term_start,
                              starts_on=last_term_start, ends_on=this_term_start, seats=seats))
            terms.append(Term(org=org, number=2, election_date=this_term_start,
                              starts_on=this_term_start,
                              ends_on=this_term_start.replace(year=2026), seats=seats))
        for post, count in posts:
            for _ in range(count):
                person = Person(
                    org=org, name=ctx.person_name(female=rng.random() > 0.03),
                    gender="F", birth_year=rng.randrange(1962, 2000),
                    education=rng.choice(Education.values), phone=ctx.phone(),
                    political_status=rng.choice(
                        [PoliticalStatus.PARTY_MEMBER] * 3 + [PoliticalStatus.MASSES]),
                    on_village_committee=org.kind == OrgKind.COMMUNITY and rng.random() < 0.6)
                people.append(person)
                positions.append((person, org, post))
    Person.objects.bulk_create(people, batch_size=2000)
    Term.objects.bulk_create(terms, batch_size=2000)
    current_terms = {t.org_id: t for t in Term.objects.filter(number=2)}
    rows = []
    for person, org, post in positions:
        term = current_terms.get(org.pk)
        replaced = term is not None and rng.random() < 0.04
        start = (ctx.date_between(datetime.date(2022, 1, 1), datetime.date(2024, 12, 31))
                 if replaced else this_term_start)
        rows.append(Position(person=person, org=org, term=term, post=post, started_on=start,
                             joined=Joined.REPLACED if replaced else Joined.ELECTED))
        if replaced:  # the predecessor's post ended when the replacement started
            former = Person(org=org, name=ctx.person_name(), birth_year=rng.randrange(1958, 1990))
            former.save()
            rows.append(Position(person=former, org=org, term=term, post=post,
                                 started_on=this_term_start, ended_on=start,
                                 end_reason=rng.choice(["工作调动", "退休", "个人原因辞职"])))
    Position.objects.bulk_create(rows, batch_size=2000)


def _seed_users(ctx: DemoContext) -> None:
    # One hash for every demo account: hashing at full strength costs ~0.3 s each.
    ctx.password_hash = make_password(DEMO_PASSWORD)
    first_street = ctx.streets[0]
    first_community = next(c for c in ctx.communities if c.path.startswith(first_street.path))
    demo = [
        ("district_admin", "区妇联管理员", Role.DISTRICT_ADMIN, ctx.district),
        ("district_staff", "区妇联工作人员", Role.DISTRICT_STAFF, ctx.district),
        ("street_chair", f"{first_street.name}主席", Role.STREET_CHAIR, first_street),
        ("community_chair", f"{first_community.name}主席", Role.COMMUNITY_CHAIR,
         first_community),
        ("leader", "区妇联领导", Role.LEADER, ctx.district),
    ]
    users = [User(username=username, first_name=name, role=role, org=org,
                  password=ctx.password_hash, is_staff=role == Role.DISTRICT_ADMIN,
                  is_superuser=role == Role.DISTRICT_ADMIN)
             for username, name, role, org in demo]
    # Every other street and community gets its chair's account too (tallies need them).
    for org in ctx.streets[1:] + ctx.communities:
        if org.pk in (first_street.pk, first_community.pk) or not org.is_active:
            continue
        role = Role.STREET_CHAIR if org.kind == OrgKind.STREET else Role.COMMUNITY_CHAIR
        users.append(User(username=f"chair_{org.code.lower()}", first_name=f"{org.name}主席",
                          role=role, org=org, password=ctx.password_hash))
    User.objects.bulk_create(users, batch_size=2000)
    ctx.users = {u.role: u for u in User.objects.filter(username__in=[d[0] for d in demo])}


#: (name, line, category, phrase, every n-th activity of the category)
CAMPAIGNS = [
    ("巾帼心向党", "ideology", "ideology", "开展“巾帼心向党”主题宣讲{activities}，覆盖{people}", 4),
    ("百合之约", "family", "family_virtue", "开展“百合之约”婚恋交友活动{activities}，服务{people}", 6),
    ("妇联妈妈", "children", "child_friendly", "开展“妇联妈妈”结对关爱活动{activities}，服务{people}",
     5),
    ("春风送岗位", "merit", "employment", "开展“春风送岗位”招聘服务活动{activities}，服务{people}",
     5),
]
HIGHLIGHTS = [
    ("legal_rights", "在{community}成立了全区首个小区婚调室"),
    ("family_virtue", "在{community}建成省级家风家教实践基地"),
    ("ideology", "在区广播电台开通《妇联有约》栏目，打造思想政治引领“空中电波”"),
    ("organization", "成立了全区首个社会体育指导员妇联"),
]


def seed_campaigns_and_highlights(ctx: DemoContext) -> None:
    """The district's campaigns (品牌活动), each with every n-th activity of its category, and
    a few activities marked as the year's highlights (亮点)."""
    from federation.kernel.models import LineOfWork
    from orgs.activities.models import Activity, ActivityCategory, Campaign

    lines = {line.code: line for line in LineOfWork.objects.all()}
    categories = {c.code: c for c in ActivityCategory.objects.all()}
    first_year = ctx.today.year - 2
    for name, line, category, phrase, every in CAMPAIGNS:
        campaign = Campaign.objects.create(name=name, line=lines[line], phrase=phrase,
                                           org=ctx.district, first_year=first_year)
        ids = list(Activity.objects.filter(category=categories[category])
                   .order_by("pk").values_list("pk", flat=True))[::every]
        Activity.objects.filter(pk__in=ids).update(campaign=campaign)
    for category, text in HIGHLIGHTS:
        activity = (Activity.objects.filter(category=categories[category],
                                            starts_on__year=ctx.today.year,
                                            starts_on__month__lte=6)
                    .order_by("pk").first())
        if activity is not None:
            activity.highlight = text.format(community=activity.org.name.removesuffix("妇联"))
            activity.save(update_fields=["highlight"])
