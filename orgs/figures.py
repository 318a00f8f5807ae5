"""The organization tree's numbers: pure query functions taking an organization (the subtree
they count, orgs.scoping). Pages, the dashboard, the API and the work summary call these; a
figure is never computed twice in two ways.
"""

from __future__ import annotations

import datetime

from django.db.models import Count, Q

from orgs.models import LEVEL_KINDS, Organization, OrgKind, Position, Post, Term


def org_counts_by_kind(
    org: Organization, period: tuple[datetime.date, datetime.date] | None = None
) -> dict[str, int]:
    """Organizations of the subtree by kind, one query: those active now, or with `period`,
    those that existed and were active at some time in it."""
    orgs = Organization.objects.within(org)
    orgs = orgs.active_in(*period) if period else orgs.filter(is_active=True)
    rows = orgs.order_by().values("kind").annotate(n=Count("pk"))
    counts = dict.fromkeys(OrgKind.values, 0)
    counts.update({row["kind"]: row["n"] for row in rows})
    return counts


def committee_counts(
    org: Organization, on: datetime.date | None = None
) -> dict[tuple[str, str], int]:
    """Current holders by (level, post) in one query; level is the organization's kind,
    with every kind other than district/street/community counted as "other"."""
    rows = (
        Position.objects.within(org).current(on)
        .order_by()
        .values("org__kind", "post")
        .annotate(n=Count("person", distinct=True))
    )
    counts: dict[tuple[str, str], int] = {}
    for row in rows:
        level = row["org__kind"] if row["org__kind"] in LEVEL_KINDS else "other"
        key = (level, row["post"])
        counts[key] = counts.get(key, 0) + row["n"]
    return counts


def post_totals(org: Organization, on: datetime.date | None = None) -> dict[str, int]:
    """Current holders by post, over all levels: one query."""
    rows = Position.objects.within(org).current(on).order_by().values("post").annotate(
        n=Count("person", distinct=True))
    counts = dict.fromkeys(Post.values, 0)
    counts.update({row["post"]: row["n"] for row in rows})
    return counts


def scope_headlines(org: Organization, days: list[datetime.date]) -> list[dict[str, int]]:
    """scope_headline() as it stood on each of `days` (organizations active in that day's
    year up to the day, posts held that day): two queries however many days."""
    kinds_rows = list(Organization.objects.within(org).order_by().values("kind").annotate(**{
        f"d{i}": Count("pk", filter=(Q(founded_on__isnull=True) | Q(founded_on__lte=day))
                       & (Q(dissolved_on__isnull=True)
                          | Q(dissolved_on__gte=day.replace(month=1, day=1))))
        for i, day in enumerate(days)}))
    post_rows = list(Position.objects.within(org).order_by().values("post").annotate(**{
        f"d{i}": Count("person", distinct=True, filter=Q(started_on__lte=day) & (
            Q(ended_on__isnull=True) | Q(ended_on__gt=day))) for i, day in enumerate(days)}))
    result = []
    for i in range(len(days)):
        kinds = dict.fromkeys(OrgKind.values, 0)
        kinds.update({row["kind"]: row[f"d{i}"] for row in kinds_rows})
        posts = dict.fromkeys(Post.values, 0)
        posts.update({row["post"]: row[f"d{i}"] for row in post_rows})
        result.append(_headline(kinds, posts))
    return result


def _headline(kinds: dict[str, int], posts: dict[str, int]) -> dict[str, int]:
    return {
        "streets": kinds[OrgKind.STREET],
        "communities": kinds[OrgKind.COMMUNITY],
        "other_orgs": sum(n for k, n in kinds.items() if k not in LEVEL_KINDS),
        "chairs": posts[Post.CHAIR],
        "vice_chairs_full": posts[Post.VICE_CHAIR_FULL],
        "vice_chairs_part": posts[Post.VICE_CHAIR_PART] + posts[Post.VICE_CHAIR_SECONDED],
        "committee_members": sum(posts.values()) - posts[Post.DELEGATE],
    }


def scope_headline(org: Organization, on: datetime.date | None = None) -> dict[str, int]:
    """The line a county report opens with: "12 townships, 153 villages, 165 full-time chairs,
    342 part-time vice-chairs, 3,480 executive members" — two queries. With `on`, as it stood
    that day (organizations active that year, posts held that day)."""
    period = (on.replace(month=1, day=1), on) if on else None
    return _headline(org_counts_by_kind(org, period), post_totals(org, on))




def terms_elected_by_kind(org: Organization, year: int) -> dict[str, int]:
    """Executive committees elected (换届) in the year, by the organization's kind: one query."""
    rows = (Term.objects.within(org).filter(election_date__year=year).order_by().values("org__kind")
            .annotate(n=Count("pk")))
    return {row["org__kind"]: row["n"] for row in rows}


def terms_elected(org: Organization, start: datetime.date, end: datetime.date) -> int:
    """Executive committees elected (换届) in a period: one query."""
    return Term.objects.within(org).filter(election_date__range=(start, end)).count()


def service_site_counts(org: Organization) -> dict[str, int]:
    """How many organizations of the subtree run each kind of service site: one query."""
    fields = ["has_womens_home", "has_womens_school", "has_rights_station",
              "has_marriage_guidance", "has_childrens_home"]
    return Organization.objects.within(org).filter(is_active=True).aggregate(
        **{field: Count("pk", filter=Q(**{field: True})) for field in fields})
