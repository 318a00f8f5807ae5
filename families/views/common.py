from __future__ import annotations

from django.contrib import messages
from django.shortcuts import render
from django.utils.translation import gettext as _

from families.forms import UploadForm


def run_import(request, importer, template_url, title: str, on_success):
    """The shared upload page: show every problem, or report what was saved."""
    form = UploadForm(request.POST or None, request.FILES or None)
    errors = []
    if form.is_valid():
        result = importer(form.cleaned_data["file"])
        if not result.errors:
            messages.success(request, _("Imported %(n)s rows.") % {"n": result.saved})
            return on_success()
        errors = result.errors
        messages.error(request, _("Nothing was saved: please correct the problems below."))
    return render(request, "families/import.html", {
        "form": form, "errors": errors, "template_url": template_url, "title": title})


def save_photos(files, **owner) -> None:
    from families.models import Photo

    for upload in files:
        Photo.objects.create(file=upload, **owner)
