"""Demo teams (队伍): per kind, on the streets and communities, with believable member counts;
the lecture and volunteer teams ran some of their organization's activities."""

from __future__ import annotations

import dataclasses
import datetime
import random

from federation.kernel.demo import DemoContext

#: kind code: (streets' share, communities at district scale, the district too, members low,
#: high, the activity category the team runs, team name pattern)
PLAN = {
    "lecturers": (1.0, 34, True, 6, 16, "ideology", "{place}巾帼宣讲队"),
    "volunteers": (1.0, 80, False, 12, 60, "volunteer", "{place}巾帼志愿服务队"),
    "forest_guards": (0.3, 10, False, 8, 20, None, "{place}巾帼林长护林队"),
    "mediators": (1.0, 0, True, 5, 12, None, "{place}婚姻家庭纠纷调解员队"),
    "federation_mothers": (0.0, 30, False, 3, 10, "child_friendly", "{place}“妇联妈妈”队"),
    "family_educators": (0.5, 0, True, 8, 20, "family_education", "{place}家庭教育讲师团"),
}


def seed(ctx: DemoContext) -> None:
    from django.apps import apps

    from orgs.teams.models import Team, TeamKind

    # By name: the activity log's package imports this one (its form picks a team).
    Activity = apps.get_model("orgs", "Activity")  # noqa: N806
    ActivityCategory = apps.get_model("orgs", "ActivityCategory")  # noqa: N806

    # Their own generator: the rest of the demo draws as before.
    rng = random.Random(hash(ctx.rng.getstate()) + 7)
    names = dataclasses.replace(ctx, rng=rng)
    kinds = {k.code: k for k in TeamKind.objects.all()}
    categories = {c.code: c for c in ActivityCategory.objects.all()}
    teams = []
    for code, (street_share, communities, district, low, high, _c, pattern) in PLAN.items():
        if code not in kinds:
            continue
        orgs = [ctx.district] if district else []
        orgs += [s for s in ctx.streets if rng.random() < street_share]
        orgs += rng.sample(ctx.communities, min(len(ctx.communities), ctx.n(communities, 0)))
        for org in orgs:
            formed = datetime.date(rng.randrange(2018, ctx.today.year + 1), rng.randrange(1, 13),
                                   1)
            teams.append(Team(
                kind=kinds[code], org=org, name=pattern.format(
                    place=org.name.removesuffix("妇联")), leader_name=names.person_name(),
                members=rng.randrange(low, high + 1),
                formed_on=min(formed, ctx.today),
                disbanded_on=(ctx.today.replace(day=1) if rng.random() < 0.03 else None)))
    Team.objects.bulk_create(teams, batch_size=2000)
    ran = 0
    for team in teams:
        category = categories.get(PLAN[team.kind.code][5] or "")
        if category is None:
            continue
        ids = list(Activity.objects.filter(org=team.org, category=category)
                   .order_by("pk").values_list("pk", flat=True))[::2]
        ran += Activity.objects.filter(pk__in=ids).update(team=team)
    ctx.out.write(f"    {len(teams)} teams, who ran {ran} activities")
