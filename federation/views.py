from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from orgs import figures as org_figures
from orgs.models import Organization, Position


@login_required
def home(request):
    user = request.user
    orgs = Organization.objects.visible_to(user)
    return render(request, "home.html", {
        "headline": org_figures.scope_headline(orgs, Position.objects.visible_to(user)),
        "sites": org_figures.service_site_counts(orgs),
        "scope": user.org,
    })
