"""Team pages: the list with its totals by kind, one team with its activities, the form."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db.models import Count, Sum
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from federation.kernel.pagination import paginate
from federation.kernel.permissions import write_required
from federation.kernel.views import form_page
from orgs.scoping import get_visible_or_404
from orgs.teams.forms import TeamFilterForm, TeamForm
from orgs.teams.models import Team, TeamKind


@login_required
def team_list(request):
    today = timezone.localdate()
    form = TeamFilterForm(request.GET or None, user=request.user)
    teams = form.filter(Team.objects.visible_to(request.user), today)
    kinds = {k.pk: k for k in TeamKind.objects.all()}
    totals = [{"kind": kinds[r["kind"]], "teams": r["teams"], "members": r["members"] or 0}
              for r in teams.order_by().values("kind").annotate(
                  teams=Count("pk"), members=Sum("members")).order_by("kind__order")]
    page = paginate(request, teams.select_related("kind", "org"), per_page=30)
    return render(request, "orgs/team_list.html", {"form": form, "page": page,
                                                    "totals": totals})


@login_required
def team_detail(request, pk: int):
    team = get_visible_or_404(Team.objects.select_related("kind", "org"), request.user, pk=pk)
    # The reverse relation: the activity log's package is not imported here.
    activities = team.activities.visible_to(request.user).select_related("org", "category")
    page = paginate(request, activities, per_page=30)
    return render(request, "orgs/team_detail.html", {"team": team, "page": page})


@write_required
def team_create(request):
    form = TeamForm(request.POST or None, user=request.user)
    response, _team = form_page(request, form, title=_("New team"), done=_("Team recorded."),
                                back_url=reverse("orgs:teams"))
    return response


@write_required
def team_edit(request, pk: int):
    team = get_visible_or_404(Team.objects, request.user, pk=pk)
    form = TeamForm(request.POST or None, instance=team, user=request.user)
    response, _saved = form_page(request, form, title=team.name, back=team)
    return response
