"""Reference data for browser tests. The browser tests are transactional (the live server
needs committed rows), so the flush after each of them also removes the rows the data
migrations seeded. `serialized_rollback` cannot bring them back here: once the session's
Playwright browser is running, the test sees a different connection object than the one the
serialized copy was stored on. So the seeds are simply run again when they are missing."""

from __future__ import annotations

import importlib

from django.apps import apps

SEEDS = {  # a model seeded by the migrations -> the migration modules, in order
    ("federation", "LineOfWork"): ["federation.migrations.0007_lines_of_work"],
    ("orgs", "Indicator"): ["orgs.migrations.0003_seed_reference_data",
                            "orgs.migrations.0008_indicator_unit_en",
                            "orgs.migrations.0011_activity_outputs"],
    ("orgs", "TeamKind"): ["orgs.migrations.0012_teams"],
    ("orgs", "SiteKind"): ["orgs.migrations.0014_sites"],
    ("rights", "Channel"): ["rights.migrations.0002_reference_data"],
    ("orgs", "DutyKind"): ["orgs.migrations.0007_seed_duty_kinds"],
    ("families", "HonourType"): ["families.migrations.0002_reference_data",
                                 "families.migrations.0006_more_honour_types",
                                 "families.migrations.0007_honour_workflows"],
    ("rights", "AssistanceKind"): ["rights.migrations.0006_assistance_reference_data"],
}


def ensure_reference_data() -> None:
    for (app_label, model), modules in SEEDS.items():
        if not apps.get_model(app_label, model).objects.exists():
            for module in modules:
                importlib.import_module(module).seed(apps, None)
