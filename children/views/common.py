from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _


def form_page(request, form, *, title: str, back, success_url=None, done: str = ""):
    """Save a valid bound form and redirect; otherwise (re)show it. Returns (response, obj)."""
    if request.method == "POST" and form.is_valid():
        obj = form.save()
        messages.success(request, done or _("Saved."))
        return redirect(success_url or obj.get_absolute_url()), obj
    return render(request, "form.html", {"form": form, "title": title, "back": back,
                                         "back_url": reverse("children:overview")
                                         if back is None else ""}), None
