"""Demo service sites (阵地): per kind, on the streets and communities — a 家长学校 in most
communities, a 儿童之家 in many, a 婚调室 on every street, a few 巾帼工坊 and 妇女微家 —
opened over the last years, now and then one closed."""

from __future__ import annotations

import datetime
import random

from federation.kernel.demo import DemoContext

#: kind code: (streets' share, communities' share, the district too, name pattern)
PLAN = {
    "parent_schools": (1.0, 0.85, True, "{place}家长学校"),
    "family_virtue_bases": (0.3, 0.08, False, "{place}家风家教实践基地"),
    "entrepreneur_associations": (0.5, 0.0, True, "{place}妇女创业协会"),
    "women_workshops": (0.4, 0.1, False, "{place}巾帼工坊"),
    "home_jobs": (0.3, 0.15, False, "{place}居家灵活就业点"),
    "grid_groups": (0.0, 0.6, False, "{place}网格妇女小组"),
    "credit_supermarkets": (0.2, 0.12, False, "{place}巾帼信用超市"),
    "mediation_rooms": (1.0, 0.1, True, "{place}婚姻家庭纠纷调解室"),
    "micro_homes": (0.0, 0.3, False, "{place}“妇女微家”"),
    "children_homes": (0.0, 0.7, False, "{place}儿童之家"),
}


def seed(ctx: DemoContext) -> None:
    from orgs.sites.models import Site, SiteKind

    # Their own generator: the rest of the demo draws as before.
    rng = random.Random(hash(ctx.rng.getstate()) + 11)
    kinds = {k.code: k for k in SiteKind.objects.all()}
    sites = []
    for code, (street_share, community_share, district, pattern) in PLAN.items():
        if code not in kinds:
            continue
        orgs = [ctx.district] if district else []
        orgs += [s for s in ctx.streets if rng.random() < street_share]
        orgs += [c for c in ctx.communities if rng.random() < community_share]
        for org in orgs:
            opened = datetime.date(rng.randrange(2016, ctx.today.year + 1), rng.randrange(1, 13),
                                   1)
            opened, closing = min(opened, ctx.today), ctx.today.replace(day=1)
            sites.append(Site(
                kind=kinds[code], org=org, name=pattern.format(
                    place=org.name.removesuffix("妇联")), opened_on=opened,
                closed_on=closing if opened < closing and rng.random() < 0.02 else None))
    Site.objects.bulk_create(sites, batch_size=2000)
    ctx.out.write(f"    {len(sites)} service sites")
