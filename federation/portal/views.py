
from auditlog.models import LogEntry
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpResponsePermanentRedirect
from django.shortcuts import render
from django.templatetags.static import static
from django.utils import timezone

from federation.kernel.filters import AccessLogFilter, AuditChangeFilter
from federation.kernel.models import AccessLog
from federation.kernel.pagination import paginate
from federation.kernel.permissions import rule_required
from federation.portal import dashboard, todo
from federation.portal.hooks import app_hooks
from federation.portal.permissions import can_read_access_log
from orgs import figures as org_figures
from orgs.scoping import scope_root


def home_panels(request) -> list[tuple[str, dict]]:
    panels = []
    for module in app_hooks("home"):
        context = module.panel(request)
        if context is not None:
            app = module.__name__.rpartition(".")[0]
            panels.append((f"{app}/_home.html", context))
    return panels


def chosen_year(request) -> int:
    this_year = timezone.localdate().year
    try:
        year = int(request.GET.get("year", this_year))
    except ValueError:
        return this_year
    return year if 2000 <= year <= this_year else this_year


@login_required
def home(request):
    """The dashboard: this year against last year and the targets, the to-do list, and each
    app's panel, for the user's scope."""
    user, year = request.user, chosen_year(request)
    org = scope_root(user)
    tiles, charts, computed_at = dashboard.collect(user, year)
    return render(request, "home.html", {
        "headline": org_figures.scope_headline(org),
        "sites": org_figures.service_site_counts(org),
        "scope": user.org, "year": year,
        "years": range(timezone.localdate().year, timezone.localdate().year - 5, -1),
        "tiles": tiles, "charts": charts, "computed_at": computed_at,
        "todo": todo.collect(user),
        "panels": home_panels(request),
    })


@rule_required(can_read_access_log)
def access_log(request):
    """District admins search who viewed, changed, exported or unmasked personal data, and
    every login, failed login and logout."""
    filterset = AccessLogFilter(request.GET, queryset=AccessLog.objects.all())
    return render(request, "access_log.html", {
        "filter": filterset, "page": paginate(request, filterset.qs, per_page=100)})


@rule_required(can_read_access_log)
def audit_changes(request):
    """District admins search every create, change and delete, by whom and from where."""
    entries = LogEntry.objects.select_related("actor", "content_type")
    filterset = AuditChangeFilter(request.GET, queryset=entries)
    return render(request, "audit_changes.html", {
        "filter": filterset, "page": paginate(request, filterset.qs, per_page=100),
        "retention_days": settings.AUDIT_RETENTION_DAYS})


def favicon(request):
    """Browsers ask for /favicon.ico on pages without an icon link (the Django admin's)."""
    return HttpResponsePermanentRedirect(static("favicon.svg"))
