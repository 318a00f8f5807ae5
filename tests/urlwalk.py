"""Walk an app's URL patterns as each role, against objects out of that role's scope.

Each app's test lists, for every named pattern of its namespace, the kwargs that point at an
object the walking user must not reach. `assert_covered` fails when a new pattern is added
without joining the walk, so no URL escapes it.
"""

from __future__ import annotations

from django.urls import get_resolver, reverse
from django.urls.resolvers import URLPattern, URLResolver


def pattern_names(namespace: str) -> set[str]:
    resolver = get_resolver()
    names: set[str] = set()

    def walk(patterns, prefix):
        for p in patterns:
            if isinstance(p, URLResolver):
                ns = f"{prefix}{p.namespace}:" if p.namespace else prefix
                walk(p.url_patterns, ns)
            elif isinstance(p, URLPattern) and p.name:
                names.add(f"{prefix}{p.name}")

    walk(resolver.url_patterns, "")
    return {n for n in names if n.startswith(f"{namespace}:")}


def assert_covered(namespace: str, cases: dict) -> None:
    missing = pattern_names(namespace) - set(cases)
    assert not missing, f"URL patterns not in the scoping walk: {sorted(missing)}"


def walk(client, cases: dict) -> list[str]:
    """GET and POST every object-specific case; return those that did not answer 403/404/405."""
    leaks = []
    for name, kwargs in cases.items():
        if kwargs is None:  # not object-specific: scoping is checked by the app's own tests
            continue
        url = reverse(name, kwargs=kwargs)
        for method in ("get", "post"):
            response = getattr(client, method)(url)
            if response.status_code not in (403, 404, 405):
                leaks.append(f"{method.upper()} {url} -> {response.status_code}")
    return leaks
