"""The shape of the house (README "Layout"): one scope vocabulary, hooks found rather than
listed. The layers themselves are held by import-linter (pyproject.toml, `make test`)."""

import re
from pathlib import Path

import pytest
from django.conf import settings

from federation.portal.hooks import app_hooks, project_apps
from orgs.models import Organization, Position
from orgs.scoping import scope_root, street_of, street_path, subtree_q

ROOT = Path(settings.BASE_DIR)
APP_DIRS = ("federation", "orgs", "families", "rights", "children")


def sources():
    for folder in APP_DIRS:
        for path in (ROOT / folder).rglob("*.py"):
            if "migrations" not in path.parts:
                yield path


def test_subtree_filters_are_spelled_only_in_the_scoping_module():
    offenders = [str(p.relative_to(ROOT)) for p in sources()
                 if p != ROOT / "orgs" / "scoping.py"
                 and re.search(r"path__startswith|steplen|(?<!request)\.path\[:", p.read_text())]
    assert offenders == []


def test_the_cross_app_layer_names_no_app():
    apps = {"orgs", "families", "rights", "children"}
    offenders = []
    for path in (ROOT / "federation").rglob("*.py"):
        if "migrations" in path.parts or path.name == "settings.py":
            continue
        for names in re.findall(r"\(([^()]*)\)", path.read_text()):
            quoted = set(re.findall(r"[\"'](\w+)[\"']", names))
            if len(quoted & apps) >= 2:
                offenders.append(str(path.relative_to(ROOT)))
    assert offenders == []


def test_hooks_are_found_over_the_installed_project_apps():
    assert project_apps() == ["federation", "orgs", "families", "rights", "children"]
    found = {m.__name__ for m in app_hooks("dashboard")}
    assert found == {"orgs.dashboard", "families.dashboard", "rights.dashboard",
                     "children.dashboard"}
    assert {m.__name__ for m in app_hooks("security")} == {"rights.security"}
    assert [m.__name__ for m in app_hooks("demo")][0] == "orgs.demo"  # the tree comes first


@pytest.mark.django_db
def test_within_counts_a_subtree_as_visible_to_shows_it(world):
    chair = world.users["street_chair"]
    assert scope_root(chair) == chair.org
    assert set(Organization.objects.within(chair.org)) == set(
        Organization.objects.visible_to(chair))
    assert set(Position.objects.within(world.s1)) == set(
        Position.objects.filter(subtree_q("org", world.s1)))
    assert Organization.objects.within(None).count() == 0
    streets = set(Organization.objects.within(world.district).annotate(s=street_of(""))
                  .exclude(depth=1).values_list("s", flat=True))
    assert streets == {street_path(o) for o in Organization.objects.filter(depth=2)}


def test_views_never_open_transactions():
    """Transactions are the services' business (`<app>/services.py`, `orgs/*/services.py`):
    no view module of any app opens one."""
    offenders = [str(p.relative_to(ROOT)) for p in sources()
                 if (p.name == "views.py" or "views" in p.parent.name)
                 and "transaction" in p.read_text()]
    assert offenders == []
