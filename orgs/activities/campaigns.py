"""Campaign pages (品牌活动): the campaigns that apply to a user with their totals for a year,
one campaign's activities and totals by street, and the district's form to record them."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from federation.kernel.pagination import paginate
from federation.kernel.permissions import role_required
from federation.kernel.views import form_page
from orgs.activities import figures
from orgs.activities.forms import CampaignForm, YearForm
from orgs.activities.models import Activity, Campaign
from orgs.models import DISTRICT_ROLES, Organization
from orgs.scoping import get_visible_or_404, scope_root


def _year(request) -> tuple[YearForm, int]:
    form = YearForm(request.GET or None)
    return form, form.chosen_year()


@login_required
def campaign_list(request):
    form, year = _year(request)
    root = scope_root(request.user)
    campaigns = figures.with_campaign_totals(
        Campaign.objects.visible_to(request.user).running_in(year), root, year)
    campaigns = list(campaigns.select_related("org", "line").order_by("line__order", "name"))
    return render(request, "orgs/campaign_list.html", {
        "form": form, "year": year, "campaigns": campaigns, "root": root,
        "can_edit": _can_edit(request.user),
        "total_n": sum(c.n for c in campaigns),
        "total_people": sum(c.people or 0 for c in campaigns)})


@login_required
def campaign_detail(request, pk: int):
    campaign = get_visible_or_404(Campaign.objects.select_related("org", "line"),
                                  request.user, pk=pk)
    form, year = _year(request)
    root = scope_root(request.user)
    streets = figures.campaign_by_street(campaign, root, year)
    names = dict(Organization.objects.filter(path__in=[s["street"] for s in streets])
                 .values_list("path", "name"))
    for street in streets:
        street["name"] = names.get(street["street"], "")
    activities = (Activity.objects.within(root).filter(campaign=campaign, starts_on__year=year)
                  .select_related("org", "category"))
    page = paginate(request, activities, per_page=30)
    return render(request, "orgs/campaign_detail.html", {
        "campaign": campaign, "form": form, "year": year, "streets": streets, "page": page,
        "total_n": sum(s["n"] for s in streets),
        "total_people": sum(s["people"] for s in streets),
        "can_edit": _can_edit(request.user) and campaign.org.path.startswith(
            request.user.scope_path or "")})


def _can_edit(user) -> bool:
    return user.is_superuser or user.role in DISTRICT_ROLES


@role_required(*DISTRICT_ROLES)
def campaign_create(request):
    form = CampaignForm(request.POST or None, user=request.user)
    response, _campaign = form_page(request, form, title=_("New campaign"),
                                    done=_("Campaign recorded."),
                                    back_url=reverse("orgs:campaigns"))
    return response


@role_required(*DISTRICT_ROLES)
def campaign_edit(request, pk: int):
    # Only campaigns of her own subtree, not those above her.
    campaign = get_visible_or_404(Campaign.objects.within(scope_root(request.user)),
                                  request.user, pk=pk)
    form = CampaignForm(request.POST or None, instance=campaign, user=request.user)
    response, _saved = form_page(request, form, title=campaign.name, back=campaign)
    return response
