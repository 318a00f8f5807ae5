"""Form-page plumbing shared by every app: the save–message–redirect of a create or edit page,
on the one form template (templates/form.html)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _


def form_page(request, form, *, title: str, back=None, back_url: str = "", subtitle: str = "",
              success_url: str | Callable[[Any], str] | None = None,
              done: str | Callable[[Any], str] = "",
              save: Callable[[Any], Any] | None = None) -> tuple[HttpResponse, Any]:
    """A valid bound form is saved (`form.save()`, or `save(form)`), `done` (or "Saved.") is
    shown and the user sent to `success_url` (or the saved object's page); otherwise the form
    is (re)shown, Cancel leading to `back` (an object) or `back_url`. `done` and `success_url`
    may be functions of the saved object. Returns (response, the saved object or None)."""
    if request.method == "POST" and form.is_valid():
        obj = save(form) if save is not None else form.save()
        messages.success(request, done(obj) if callable(done) else (done or _("Saved.")))
        url = success_url(obj) if callable(success_url) else success_url
        return redirect(url or obj.get_absolute_url()), obj
    return render(request, "form.html", {"form": form, "title": title, "subtitle": subtitle,
                                         "back": back, "back_url": back_url}), None
