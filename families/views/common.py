from __future__ import annotations

from django.utils.translation import gettext as _

from families.forms import UploadForm
from federation.kernel.views import upload_page


def run_import(request, importer, template_url, title: str, success_url: str):
    """The families' upload page (the kernel's upload_page): every problem, or what was saved."""
    return upload_page(
        request, UploadForm(request.POST or None, request.FILES or None),
        lambda form: importer(form.cleaned_data["file"]), template="families/import.html",
        context={"template_url": template_url, "title": title}, success_url=success_url,
        done=lambda result: _("Imported %(n)s rows.") % {"n": result.saved})


def save_photos(files, **owner) -> None:
    from families.models import Photo

    for upload in files:
        Photo.objects.create(file=upload, **owner)
