"""The global search box. Each app may provide `<app>/search.py` with
`search(user, text) -> list[Section]`, built on its own scoped querysets."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import QueryDict
from django.shortcuts import render

from federation.kernel.hooks import Section
from federation.kernel.privacy import private_query
from federation.portal.hooks import app_hooks


def search_all(user, text: str) -> list[Section]:
    sections: list[Section] = []
    for module in app_hooks("search"):
        sections += module.search(user, text)
    return [s for s in sections if s.hits]


@login_required
def search(request):
    """People search by name, phone or ID number: the box is POSTed and the results shown at
    an opaque, short-lived token (federation.kernel.privacy.private_query), never ?q=<text>."""
    data = private_query(request)
    if not isinstance(data, QueryDict):
        return data
    text = data.get("q", "").strip()[:60]
    sections = search_all(request.user, text) if len(text) >= 1 else []
    return render(request, "search.html", {"q": text, "search_text": text,
                                           "sections": sections})
