from django.urls import path

from orgs import views
from orgs.activities import campaigns as campaign_views
from orgs.activities import views as activity_views
from orgs.duties.urls import urlpatterns as duty_urls
from orgs.sites import views as site_views
from orgs.tallies import excel as tally_excel
from orgs.tallies import views as tally_views
from orgs.teams import views as team_views

app_name = "orgs"
TALLY = "tallies/<int:org_pk>/<int:year>/<int:month>/"
urlpatterns = [
    path("", views.org_list, name="list"),
    path("export/", views.org_export, name="export"),
    path("committees/", views.committee_stats, name="committee_stats"),
    path("import/", views.import_upload, name="import"),
    path("import/template/", views.import_template, name="import_template"),
    path("<int:pk>/", views.org_detail, name="detail"),
    path("<int:pk>/edit/", views.org_edit, name="edit"),
    path("<int:parent_pk>/new/", views.org_create, name="create"),
    path("<int:org_pk>/terms/new/", views.term_create, name="term_create"),
    path("<int:org_pk>/positions/new/", views.position_create, name="position_create"),
    path("positions/<int:pk>/end/", views.position_end, name="position_end"),
    path("people/<int:pk>/", views.person_detail, name="person"),
    path("people/<int:pk>/edit/", views.person_edit, name="person_edit"),
    # Activity log
    path("activities/", activity_views.activity_list, name="activities"),
    path("activities/export/", activity_views.activity_export, name="activity_export"),
    path("activities/new/", activity_views.activity_create, name="activity_create"),
    path("activities/<int:pk>/", activity_views.activity_detail, name="activity"),
    path("activities/<int:pk>/edit/", activity_views.activity_edit, name="activity_edit"),
    path("attachments/<int:pk>/", activity_views.attachment_download, name="attachment"),
    path("attachments/<int:pk>/delete/", activity_views.attachment_delete,
         name="attachment_delete"),
    # Campaigns (品牌活动)
    path("campaigns/", campaign_views.campaign_list, name="campaigns"),
    path("campaigns/new/", campaign_views.campaign_create, name="campaign_create"),
    path("campaigns/<int:pk>/", campaign_views.campaign_detail, name="campaign"),
    path("campaigns/<int:pk>/edit/", campaign_views.campaign_edit, name="campaign_edit"),
    # Teams and rosters (队伍)
    path("teams/", team_views.team_list, name="teams"),
    path("teams/new/", team_views.team_create, name="team_create"),
    path("teams/<int:pk>/", team_views.team_detail, name="team"),
    path("teams/<int:pk>/edit/", team_views.team_edit, name="team_edit"),
    path("sites/", site_views.site_list, name="sites"),
    path("sites/export/", site_views.site_export, name="site_export"),
    path("sites/new/", site_views.site_create, name="site_create"),
    path("sites/<int:pk>/edit/", site_views.site_edit, name="site_edit"),
    # Monthly tallies
    path("tallies/", tally_views.tally_home, name="tallies"),
    path(TALLY, tally_views.tally_page, name="tally"),
    path(TALLY + "review/", tally_views.tally_review, name="tally_review"),
    path(TALLY + "unlock/", tally_views.tally_unlock, name="tally_unlock"),
    path(TALLY + "history/", tally_views.tally_history, name="tally_history"),
    path("tallies/<int:year>/<int:month>/download/", tally_excel.download,
         name="tally_download"),
    path("tallies/upload/", tally_excel.upload, name="tally_upload"),
    path("tallies/completeness/", tally_views.completeness, name="completeness"),
    path("tallies/grid/", tally_views.completeness_grid, name="completeness_grid"),
    path("tallies/totals/", tally_views.rollup, name="rollup"),
    path("tallies/totals/export/", tally_views.rollup_export, name="rollup_export"),
    path("tallies/targets/", tally_views.targets, name="targets"),
    path("indicators/", tally_views.indicator_catalogue, name="indicators"),
    # Executive members at work (执委履职)
    *duty_urls,
]
