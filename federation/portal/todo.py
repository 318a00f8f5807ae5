"""Each user's to-do list: what is due, returned or waiting for her. Each app may provide
`<app>/todo.py` with `items(user) -> list[Todo]`, built on its scoped querysets. The navbar
loads the count with one htmx request, so pages pay nothing for it."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from federation.kernel.hooks import Todo
from federation.portal.hooks import app_hooks


def collect(user) -> list[Todo]:
    items: list[Todo] = []
    for module in app_hooks("todo"):
        items += module.items(user)
    return sorted((i for i in items if i.count), key=lambda i: not i.urgent)


@login_required
def todo_list(request):
    return render(request, "todo.html", {"items": collect(request.user)})


@login_required
def todo_badge(request):
    return render(request, "includes/todo_badge.html",
                  {"total": sum(i.count for i in collect(request.user))})
