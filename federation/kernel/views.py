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


class UploadRefused(Exception):
    """Raised by an importer that refuses the whole file: its message is shown, nothing saved."""


def upload_page(request, form, importer: Callable[[Any], Any], *, template: str,
                context: dict | None = None, success_url: str | None = None,
                done: Callable[[Any], str] | None = None) -> HttpResponse:
    """The upload page of a spreadsheet import. A valid upload goes to `importer(form)`, which
    returns a result with `.errors` (each problem, by sheet, row and column) or raises
    UploadRefused. With errors nothing was saved and the page lists them all; without, `done`
    (a function of the result) is shown and the user sent to `success_url`, or, without one,
    the page shows the result (`result` in the template)."""
    errors, result = [], None
    if request.method == "POST" and form.is_valid():
        try:
            result = importer(form)
        except UploadRefused as refused:
            messages.error(request, str(refused))
            return redirect(request.get_full_path())
        if result.errors:
            errors = result.errors
            messages.error(request, _("Nothing was saved: please correct the problems below."))
        elif success_url is not None:
            if done is not None:
                messages.success(request, done(result))
            return redirect(success_url)
    return render(request, template, {"form": form, "errors": errors, "result": result,
                                      **(context or {})})
