"""Read-only API. Every queryset comes through `visible_to(request.user)`, like the pages;
nothing here returns personal data of rights cases or children."""

from __future__ import annotations

import datetime

import django_filters
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import OuterRef, Subquery
from django.db.models.functions import Length, Substr
from django.utils import timezone
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import viewsets
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from federation.kernel.filters import MonthField
from federation.portal.api.serializers import (
    CommitteeDutiesSerializer,
    IndicatorSerializer,
    OrganizationSerializer,
    RegistryCountsSerializer,
    TallyTotalsSerializer,
)
from federation.portal.hooks import app_hooks
from orgs import figures
from orgs.duties import figures as duty_figures
from orgs.models import Organization, OrgKind
from orgs.scoping import STEPLEN, subtree_q
from orgs.tallies import figures as tally_figures
from orgs.tallies.models import Indicator, month_end

ORG_PARAM = OpenApiParameter("org", OpenApiTypes.STR, description=(
    "Code of an organization in your scope: counts cover its subtree (default: your own)."))


def scope_root(request) -> Organization:
    """The organization named by ?org= inside the user's scope, or the user's own."""
    if request.user.is_executive_member:  # her own records only: no organization's figures
        raise NotFound
    visible = Organization.objects.visible_to(request.user)
    code = request.query_params.get("org")
    if code:
        org = visible.filter(code=code).first()
        if org is None:
            raise NotFound
        return org
    org = request.user.org or visible.filter(depth=1).first()
    if org is None:
        raise NotFound
    return org


def programme_counts(root: Organization) -> dict[str, int]:
    """Each app's registry counts for a subtree, from the `programme_counts(org, year)` of its
    figures module (federation.kernel.hooks)."""
    year = timezone.localdate().year
    counts: dict[str, int] = {}
    for module in app_hooks("figures"):
        if hasattr(module, "programme_counts"):
            counts.update(module.programme_counts(root, year))
    return counts


class OrganizationFilter(django_filters.FilterSet):
    """?kind= and ?under= of the organization list: an unknown kind is a 400 with the
    reason, an organization code outside the user's scope gives an empty list."""

    kind = django_filters.ChoiceFilter(choices=OrgKind.choices)
    under = django_filters.CharFilter(method="within", max_length=20,
                                      label="Only this code's subtree")

    class Meta:
        model = Organization
        fields = ["kind", "under"]

    def within(self, queryset, name, value):
        root = Organization.objects.visible_to(self.request.user).filter(code=value).first()
        return queryset.filter(subtree_q("", root)) if root else queryset.none()


class OrganizationViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = OrganizationSerializer
    lookup_field = "code"
    filter_backends = [DjangoFilterBackend]
    filterset_class = OrganizationFilter

    def get_queryset(self):
        parent = Organization.objects.filter(
            path=Substr(OuterRef("path"), 1, Length(OuterRef("path")) - STEPLEN))
        return (Organization.objects.visible_to(self.request.user)
                .annotate(parent_code=Subquery(parent.values("code")[:1])).order_by("path"))


class RegistryCountsView(APIView):
    """Organizations by kind, committee members by level and post, service sites."""

    @extend_schema(parameters=[ORG_PARAM], responses=RegistryCountsSerializer)
    def get(self, request):
        root = scope_root(request)
        kinds = figures.org_counts_by_kind(root)
        sites = figures.service_site_counts(root)
        site_labels = {f.name: f.verbose_name for f in Organization._meta.fields}
        data = {
            "org": root.code,
            "organizations": [{"key": k, "label": str(OrgKind(k).label), "count": n}
                              for k, n in kinds.items()],
            "committee": [{"level": level, "post": post, "count": n}
                          for (level, post), n in sorted(figures.committee_counts(root)
                                                         .items())],
            "service_sites": [{"key": k, "label": str(site_labels[k]), "count": n}
                              for k, n in sites.items()],
            "programmes": programme_counts(root),
        }
        return Response(RegistryCountsSerializer(data).data)




class IndicatorViewSet(viewsets.ReadOnlyModelViewSet):
    """The monthly-tally indicator catalogue (reference data, the same for every user)."""

    serializer_class = IndicatorSerializer
    lookup_field = "code"
    queryset = Indicator.objects.select_related("group").order_by("order", "code")


def _month(text: str | None, default: datetime.date, name: str) -> datetime.date:
    if not text:
        return default
    try:
        return MonthField().clean(text)
    except DjangoValidationError as error:
        raise ValidationError({name: error.messages}) from None


class TallyTotalsView(APIView):
    """Totals of every indicator for a subtree and a period of months: the same roll-up as the
    tally pages and the year-end summary (submitted, resubmitted and approved tallies)."""

    @extend_schema(parameters=[
        ORG_PARAM,
        OpenApiParameter("start", OpenApiTypes.STR, description="First month, YYYY-MM"),
        OpenApiParameter("end", OpenApiTypes.STR, description="Last month, YYYY-MM"),
    ], responses=TallyTotalsSerializer)
    def get(self, request):
        root = scope_root(request)
        this_month = timezone.localdate().replace(day=1)
        start = _month(request.query_params.get("start"), this_month.replace(month=1), "start")
        end = _month(request.query_params.get("end"), this_month, "end")
        totals = tally_figures.tally_totals(root, start, month_end(end))
        indicators = Indicator.objects.order_by("order", "code")
        return Response(TallyTotalsSerializer({
            "org": root.code, "start": f"{start:%Y-%m}", "end": f"{end:%Y-%m}",
            "values": [{"indicator": i.code, "unit": i.unit, "total": totals.get(i.pk)}
                       for i in indicators]}).data)


def _day(text: str | None, default: datetime.date, name: str) -> datetime.date:
    if not text:
        return default
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise ValidationError({name: "use YYYY-MM-DD"}) from None


class CommitteeDutiesView(APIView):
    """Executive members at work (执委履职) for a subtree and period: members and active
    members, duties by kind, women reached, requests passed up and answered, and the same per
    street. Counts only: no names of members or of the women concerned."""

    @extend_schema(parameters=[
        ORG_PARAM,
        OpenApiParameter("start", OpenApiTypes.DATE, description="First day (default 1 Jan)"),
        OpenApiParameter("end", OpenApiTypes.DATE, description="Last day (default 31 Dec)"),
    ], responses=CommitteeDutiesSerializer)
    def get(self, request):
        root = scope_root(request)
        year = timezone.localdate().year
        start = _day(request.query_params.get("start"), datetime.date(year, 1, 1), "start")
        end = _day(request.query_params.get("end"), datetime.date(year, 12, 31), "end")
        if end < start:
            raise ValidationError({"end": "must not be before start"})
        data = duty_figures.committee_figures(root, start, end)
        data.update({
            "org": root.code, "start": start, "end": end,
            "by_kind": [{"kind": k, "count": n} for k, n in data["by_kind"].items()],
            "streets": [{**row, "org": row["org"].code} for row in
                        duty_figures.by_street(root, start, end)]})
        return Response(CommitteeDutiesSerializer(data).data)
