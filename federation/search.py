"""The global search box. Each app may provide `<app>/search.py` with
`search(user, text) -> list[Section]`, built on its own scoped querysets."""

from __future__ import annotations

import importlib
import importlib.util
from dataclasses import dataclass, field

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

SEARCH_APPS = ("orgs", "families", "rights", "children")


@dataclass
class Hit:
    label: str
    url: str
    detail: str = ""


@dataclass
class Section:
    title: str
    hits: list[Hit] = field(default_factory=list)


def search_all(user, text: str) -> list[Section]:
    sections: list[Section] = []
    for app in SEARCH_APPS:
        if importlib.util.find_spec(f"{app}.search") is not None:
            sections += importlib.import_module(f"{app}.search").search(user, text)
    return [s for s in sections if s.hits]


@login_required
def search(request):
    text = request.GET.get("q", "").strip()[:60]
    sections = search_all(request.user, text) if len(text) >= 1 else []
    return render(request, "search.html", {"q": text, "sections": sections})
