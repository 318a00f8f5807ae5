"""URL names of the campaign and team pages; their own walks (test_campaigns, test_teams)
check them against objects out of scope, the organization and tally walks only count them."""

CAMPAIGN_URL_NAMES = ["orgs:campaigns", "orgs:campaign_create", "orgs:campaign",
                      "orgs:campaign_edit"]
TEAM_URL_NAMES = ["orgs:teams", "orgs:team_create", "orgs:team", "orgs:team_edit"]
