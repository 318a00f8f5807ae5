"""URL names of the activity log and tallies, shared by the two scoping walks."""

#: The activity and tally URL names (the organization walk in test_scoping covers the rest).
TALLY_URL_NAMES = [
    "orgs:activities", "orgs:activity_export", "orgs:activity_create", "orgs:activity",
    "orgs:activity_edit", "orgs:attachment", "orgs:attachment_delete", "orgs:tallies",
    "orgs:tally", "orgs:tally_review", "orgs:tally_unlock", "orgs:tally_history",
    "orgs:tally_download", "orgs:tally_upload", "orgs:completeness", "orgs:completeness_grid",
    "orgs:rollup", "orgs:rollup_export", "orgs:targets", "orgs:indicators",
]
