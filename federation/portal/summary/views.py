from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from federation.kernel.pagination import paginate
from federation.kernel.permissions import role_required
from federation.portal.models import ReportRun
from federation.portal.summary.service import request_run
from orgs.models import Organization, OrgKind, Role
from orgs.scoping import get_visible_or_404

SUMMARY_ROLES = (Role.DISTRICT_ADMIN, Role.DISTRICT_STAFF, Role.LEADER, Role.STREET_CHAIR)


class RunForm(forms.Form):
    year = forms.IntegerField(label=gettext_lazy("year"))
    org = forms.ModelChoiceField(label=gettext_lazy("scope"), queryset=Organization.objects.none())

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        this_year = timezone.localdate().year
        self.fields["year"].widget = forms.Select(
            choices=[(y, y) for y in range(this_year, this_year - 6, -1)])
        self.fields["year"].initial = this_year - 1 if timezone.localdate().month < 12 \
            else this_year
        self.fields["year"].min_value, self.fields["year"].max_value = 2000, this_year
        self.fields["org"].queryset = Organization.objects.visible_to(user).filter(
            kind__in=[OrgKind.DISTRICT, OrgKind.STREET])
        self.fields["org"].initial = user.org_id


@role_required(*SUMMARY_ROLES)
def summary_home(request):
    form = RunForm(request.POST or None, user=request.user)
    if form.is_valid():
        run, created = request_run(request.user, form.cleaned_data["year"],
                                   form.cleaned_data["org"], request.LANGUAGE_CODE)
        if not created:
            messages.info(request, _("This summary is already being built: you joined it."))
        return redirect("summary:run", pk=run.pk)
    runs = ReportRun.objects.visible_to(request.user).select_related("org", "requested_by")
    return render(request, "summary/home.html", {"form": form, "page": paginate(request, runs)})


@role_required(*SUMMARY_ROLES)
def run_detail(request, pk: int):
    run = get_visible_or_404(ReportRun.objects.select_related("org"), request.user, pk=pk)
    template = "summary/_progress.html" if request.headers.get("HX-Request") else \
        "summary/run.html"
    return render(request, template, {"run": run})


@role_required(*SUMMARY_ROLES)
def download(request, pk: int, kind: str):
    run = get_visible_or_404(ReportRun.objects.select_related("org"), request.user, pk=pk,
                             status=ReportRun.Status.DONE)
    field = {"xlsx": run.workbook, "docx": run.narrative}.get(kind)
    if not field:
        raise Http404
    name = f"{run.org.name}{run.year}年工作总结.{kind}"
    return FileResponse(field.open("rb"), as_attachment=True, filename=name)
