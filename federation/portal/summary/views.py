from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from federation.kernel import periods
from federation.kernel.filters import query_params, year_field
from federation.kernel.models import LineOfWork
from federation.kernel.pagination import paginate
from federation.kernel.permissions import rule_required
from federation.kernel.views import form_page
from federation.portal.models import PlanItem, ReportRun
from federation.portal.permissions import can_request_summary, can_write_plan
from federation.portal.summary.items import measure_choices
from federation.portal.summary.narrative import period_words
from federation.portal.summary.service import request_run
from orgs.models import Organization, OrgKind
from orgs.scoping import ScopedFormMixin, get_visible_or_404


class RunForm(forms.Form):
    year = forms.IntegerField(label=gettext_lazy("year"))
    period = forms.ChoiceField(label=gettext_lazy("period"), choices=periods.CHOICES,
                               initial="Y", required=False)
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


@rule_required(can_request_summary)
def summary_home(request):
    form = RunForm(request.POST or None, user=request.user)
    if form.is_valid():
        code = form.cleaned_data["period"] or "Y"
        period = periods.Period.parse(form.cleaned_data["year"], code,
                                      today=timezone.localdate())
        run, created = request_run(request.user, period.year, form.cleaned_data["org"],
                                   request.LANGUAGE_CODE, period=period.code)
        if not created:
            messages.info(request, _("This summary is already being built: you joined it."))
        return redirect("summary:run", pk=run.pk)
    runs = ReportRun.objects.visible_to(request.user).select_related("org", "requested_by")
    return render(request, "summary/home.html", {"form": form, "page": paginate(request, runs)})


@rule_required(can_request_summary)
def run_detail(request, pk: int):
    run = get_visible_or_404(ReportRun.objects.select_related("org"), request.user, pk=pk)
    template = "summary/_progress.html" if request.headers.get("HX-Request") else \
        "summary/run.html"
    return render(request, template, {"run": run})


@rule_required(can_request_summary)
def download(request, pk: int, kind: str):
    run = get_visible_or_404(ReportRun.objects.select_related("org"), request.user, pk=pk,
                             status=ReportRun.Status.DONE)
    field = {"xlsx": run.workbook, "docx": run.narrative}.get(kind)
    if not field:
        raise Http404
    name = f"{run.org.name}{period_words(run.reporting_period)}工作总结.{kind}"
    return FileResponse(field.open("rb"), as_attachment=True, filename=name)


# --- Work plan items (工作要点): the plan part of the summary is drafted from them ----------

class PlanItemForm(ScopedFormMixin, forms.ModelForm):
    class Meta:
        model = PlanItem
        fields = ["org", "year", "line", "task", "target", "unit", "measure", "lead",
                  "due_month", "order"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["line"].queryset = LineOfWork.objects.filter(is_active=True)
        self.fields["measure"] = forms.ChoiceField(
            label=self.fields["measure"].label, help_text=self.fields["measure"].help_text,
            required=False, choices=[("", "---------")] + measure_choices())
        self.fields["org"].queryset = Organization.objects.filter(
            kind__in=[OrgKind.DISTRICT, OrgKind.STREET])
        self.fields["year"].min_value, self.fields["year"].max_value = 2000, 2100
        if not self.instance.pk:
            self.fields["org"].initial = user.org_id
            self.fields["year"].initial = timezone.localdate().year + 1
        self.restrict_orgs(user)


class PlanYear(forms.Form):
    year = year_field()


def _plan_year(request) -> int:
    return query_params(request, PlanYear)["year"] or timezone.localdate().year + 1


@rule_required(can_request_summary)
def plan_list(request):
    year = _plan_year(request)
    items = list(PlanItem.objects.visible_to(request.user).filter(year=year)
                 .select_related("org", "line", "lead"))
    if any(item.measure for item in items):
        labels = dict(measure_choices())
        for item in items:
            item.measure_label = labels.get(item.measure, item.measure)
    return render(request, "summary/plan.html", {
        "year": year, "items": items, "years": [year - 1, year, year + 1],
        "can_write": can_write_plan(request.user)})


@rule_required(can_write_plan)
def plan_edit(request, pk: int | None = None):
    item = get_visible_or_404(PlanItem.objects.all(), request.user, pk=pk) if pk else None
    form = PlanItemForm(request.POST or None, instance=item, user=request.user)
    response, _saved = form_page(
        request, form, title=_("Work plan item") if item else _("New work plan item"),
        back_url=reverse("summary:plan"))
    return response


@rule_required(can_write_plan)
@require_POST
def plan_delete(request, pk: int):
    item = get_visible_or_404(PlanItem.objects.all(), request.user, pk=pk)
    year = item.year
    item.delete()
    messages.success(request, _("The plan item was deleted."))
    return redirect(reverse("summary:plan") + f"?year={year}")
