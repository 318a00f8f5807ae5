"""URL names of the campaign, team and site pages; their own walks (test_campaigns,
test_teams, test_sites) check them against objects out of scope, the organization and tally
walks only count them."""

CAMPAIGN_URL_NAMES = ["orgs:campaigns", "orgs:campaign_create", "orgs:campaign",
                      "orgs:campaign_edit"]
TEAM_URL_NAMES = ["orgs:teams", "orgs:team_create", "orgs:team", "orgs:team_edit"]
SITE_URL_NAMES = ["orgs:sites", "orgs:site_export", "orgs:site_create", "orgs:site_edit"]
