"""Every catalogue is complete: no user-facing string is left untranslated."""

from pathlib import Path

import polib
import pytest
from django.conf import settings

from federation.portal.hooks import project_apps

ROOT = Path(__file__).resolve().parents[2]
CATALOGUES = sorted(ROOT.glob("*/locale/zh_Hans/LC_MESSAGES/django.po"))


def test_every_app_has_a_catalogue():
    """Every installed project app has its catalogue, and Django reads it (LOCALE_PATHS)."""
    apps = set(project_apps())
    assert len(apps) >= 5 and {p.parts[-5] for p in CATALOGUES} == apps
    read = {Path(p).resolve() for p in settings.LOCALE_PATHS}
    assert {p.parents[2].resolve() for p in CATALOGUES} <= read


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: p.parts[-5])
def test_catalogue_is_fully_translated(path):
    po = polib.pofile(str(path))
    untranslated = [e.msgid for e in po.untranslated_entries()]
    fuzzy = [e.msgid for e in po.fuzzy_entries()]
    assert not untranslated and not fuzzy, (untranslated, fuzzy)


def test_no_msgid_is_translated_two_ways():
    """Catalogues are merged at run time, so the same source string translated differently in
    two apps would show the wrong one somewhere: give one of them a context (pgettext)."""
    seen: dict[tuple, tuple[str, str]] = {}
    clashes = []
    for path in CATALOGUES:
        for entry in polib.pofile(str(path)).translated_entries():
            key = (entry.msgctxt, entry.msgid)
            text = entry.msgstr or entry.msgstr_plural.get(0, "")
            if key in seen and seen[key][1] != text:
                clashes.append((entry.msgid, seen[key], (path.parts[-5], text)))
            seen.setdefault(key, (path.parts[-5], text))
    assert not clashes, clashes
