"""The organization tree's numbers: pure query functions taking a scope.

Pages, the dashboard, the API and the year-end summary call these; a figure is never computed
twice in two ways.
"""

from __future__ import annotations

import datetime

from django.db.models import Count, Q, QuerySet

from orgs.models import LEVEL_KINDS, Organization, OrgKind, Position, Post, Term


def org_counts_by_kind(orgs: QuerySet[Organization]) -> dict[str, int]:
    """Active organizations in the given (already scoped) queryset, by kind: one query."""
    rows = orgs.filter(is_active=True).order_by().values("kind").annotate(n=Count("pk"))
    counts = dict.fromkeys(OrgKind.values, 0)
    counts.update({row["kind"]: row["n"] for row in rows})
    return counts


def committee_counts(
    positions: QuerySet[Position], on: datetime.date | None = None
) -> dict[tuple[str, str], int]:
    """Current holders by (level, post) in one query; level is the organization's kind,
    with every kind other than district/street/community counted as "other"."""
    rows = (
        positions.current(on)
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


def post_totals(positions: QuerySet[Position], on: datetime.date | None = None) -> dict[str, int]:
    """Current holders by post, over all levels: one query."""
    rows = positions.current(on).order_by().values("post").annotate(
        n=Count("person", distinct=True))
    counts = dict.fromkeys(Post.values, 0)
    counts.update({row["post"]: row["n"] for row in rows})
    return counts


def scope_headline(orgs: QuerySet[Organization], positions: QuerySet[Position]) -> dict[str, int]:
    """The line a county report opens with: "12 townships, 153 villages, 165 full-time chairs,
    342 part-time vice-chairs, 3,480 executive members" — two queries."""
    kinds = org_counts_by_kind(orgs)
    posts = post_totals(positions)
    return {
        "streets": kinds[OrgKind.STREET],
        "communities": kinds[OrgKind.COMMUNITY],
        "other_orgs": sum(n for k, n in kinds.items() if k not in LEVEL_KINDS),
        "chairs": posts[Post.CHAIR],
        "vice_chairs_full": posts[Post.VICE_CHAIR_FULL],
        "vice_chairs_part": posts[Post.VICE_CHAIR_PART] + posts[Post.VICE_CHAIR_SECONDED],
        "committee_members": sum(posts.values()) - posts[Post.DELEGATE],
    }


def terms_elected(terms: QuerySet[Term], year: int) -> int:
    return terms.filter(election_date__year=year).count()


def service_site_counts(orgs: QuerySet[Organization]) -> dict[str, int]:
    """How many organizations in scope run each kind of service site: one query."""
    fields = ["has_womens_home", "has_womens_school", "has_rights_station",
              "has_marriage_guidance", "has_childrens_home"]
    return orgs.filter(is_active=True).aggregate(
        **{field: Count("pk", filter=Q(**{field: True})) for field in fields})
