"""Read-only API. Every queryset comes through `visible_to(request.user)`, like the pages;
nothing here returns personal data of rights cases or children."""

from __future__ import annotations

from django.db.models import OuterRef, Subquery
from django.db.models.functions import Length, Substr
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import viewsets
from rest_framework.exceptions import NotFound
from rest_framework.response import Response
from rest_framework.views import APIView

from federation.api.serializers import OrganizationSerializer, RegistryCountsSerializer
from orgs import figures
from orgs.models import Organization, OrgKind, Position

ORG_PARAM = OpenApiParameter("org", OpenApiTypes.STR, description=(
    "Code of an organization in your scope: counts cover its subtree (default: your own)."))


def scope_root(request) -> Organization:
    """The organization named by ?org= inside the user's scope, or the user's own."""
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


class OrganizationViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = OrganizationSerializer
    lookup_field = "code"

    @extend_schema(parameters=[
        OpenApiParameter("kind", OpenApiTypes.STR, enum=OrgKind.values),
        OpenApiParameter("under", OpenApiTypes.STR, description="Only this code's subtree"),
    ])
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    def get_queryset(self):
        parent = Organization.objects.filter(
            path=Substr(OuterRef("path"), 1, Length(OuterRef("path")) - Organization.steplen))
        orgs = Organization.objects.visible_to(self.request.user).annotate(
            parent_code=Subquery(parent.values("code")[:1]))
        kind = self.request.query_params.get("kind")
        if kind:
            orgs = orgs.filter(kind=kind)
        under = self.request.query_params.get("under")
        if under:
            root = Organization.objects.visible_to(self.request.user).filter(code=under).first()
            orgs = orgs.filter(path__startswith=root.path) if root else orgs.none()
        return orgs.order_by("path")


class RegistryCountsView(APIView):
    """Organizations by kind, committee members by level and post, service sites."""

    @extend_schema(parameters=[ORG_PARAM], responses=RegistryCountsSerializer)
    def get(self, request):
        root = scope_root(request)
        orgs = Organization.objects.filter(path__startswith=root.path)
        positions = Position.objects.filter(org__path__startswith=root.path)
        kinds = figures.org_counts_by_kind(orgs)
        sites = figures.service_site_counts(orgs)
        site_labels = {f.name: f.verbose_name for f in Organization._meta.fields}
        data = {
            "org": root.code,
            "organizations": [{"key": k, "label": str(OrgKind(k).label), "count": n}
                              for k, n in kinds.items()],
            "committee": [{"level": level, "post": post, "count": n}
                          for (level, post), n in sorted(figures.committee_counts(positions)
                                                         .items())],
            "service_sites": [{"key": k, "label": str(site_labels[k]), "count": n}
                              for k, n in sites.items()],
        }
        return Response(RegistryCountsSerializer(data).data)


