"""Service site pages: the list with its totals by kind, its export, the form."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from federation.kernel.pagination import paginate
from federation.kernel.permissions import write_required
from federation.kernel.spreadsheets import xlsx_response
from federation.kernel.views import form_page
from orgs.scoping import get_visible_or_404
from orgs.sites.forms import SiteFilterForm, SiteForm
from orgs.sites.models import Site, SiteKind


def _filtered(request):
    form = SiteFilterForm(request.GET or None, user=request.user)
    return form, form.filter(Site.objects.visible_to(request.user), timezone.localdate())


@login_required
def site_list(request):
    form, sites = _filtered(request)
    kinds = {k.pk: k for k in SiteKind.objects.all()}
    totals = [{"kind": kinds[r["kind"]], "sites": r["sites"]}
              for r in sites.order_by().values("kind").annotate(
                  sites=Count("pk")).order_by("kind__order")]
    page = paginate(request, sites.select_related("kind", "org"), per_page=30)
    return render(request, "orgs/site_list.html", {"form": form, "page": page,
                                                    "totals": totals})


@login_required
def site_export(request):
    _form, sites = _filtered(request)
    columns = [(_("name"), 30), (_("kind of site"), 18), (_("organization"), 24),
               (_("opened on"), 12), (_("closed on"), 12), (_("note"), 30)]
    rows = ((s.name, s.kind.name, s.org.name, s.opened_on, s.closed_on, s.note)
            for s in sites.select_related("kind", "org").iterator(chunk_size=500))
    return xlsx_response("sites", _("Service sites"), columns, rows)


@write_required
def site_create(request):
    form = SiteForm(request.POST or None, user=request.user)
    response, _site = form_page(request, form, title=_("New site"), done=_("Site recorded."),
                                back_url=reverse("orgs:sites"), success_url=reverse("orgs:sites"))
    return response


@write_required
def site_edit(request, pk: int):
    site = get_visible_or_404(Site.objects, request.user, pk=pk)
    form = SiteForm(request.POST or None, instance=site, user=request.user)
    response, _saved = form_page(request, form, title=site.name, back_url=reverse("orgs:sites"),
                                 success_url=reverse("orgs:sites"))
    return response
