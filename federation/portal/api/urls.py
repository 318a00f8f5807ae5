from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from federation.portal.api import views


class Router(DefaultRouter):
    include_format_suffixes = False  # JSON only: no ".json" variants of every URL


router = Router()
router.register("organizations", views.OrganizationViewSet, basename="organization")
router.register("indicators", views.IndicatorViewSet, basename="indicator")

app_name = "api"
urlpatterns = [
    path("v1/", include(router.urls)),
    path("v1/registry-counts/", views.RegistryCountsView.as_view(), name="registry_counts"),
    path("v1/tally-totals/", views.TallyTotalsView.as_view(), name="tally_totals"),
    path("v1/committee-duties/", views.CommitteeDutiesView.as_view(), name="committee_duties"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), name="docs"),
]
