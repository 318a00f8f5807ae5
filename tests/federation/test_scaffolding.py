"""Shared CRUD scaffolding: the plumbing every app needs lives once, in the kernel."""

from pathlib import Path

from federation.portal.hooks import project_apps

ROOT = Path(__file__).resolve().parents[2]


def project_sources():
    for app in project_apps():
        for path in sorted((ROOT / app.replace(".", "/")).rglob("*.py")):
            if "migrations" not in path.parts:
                yield path


def test_downloads_are_built_by_the_spreadsheet_helpers_only():
    """Content type and Content-Disposition are set in federation.kernel.spreadsheets
    (xlsx_response, workbook_response); the audit middleware reads them."""
    kernel = ROOT / "federation" / "kernel"
    offenders = [str(p.relative_to(ROOT)) for p in project_sources()
                 if not p.is_relative_to(kernel)
                 and '["Content-Disposition"] =' in p.read_text(encoding="utf-8")]
    assert not offenders, offenders


def test_one_form_template_for_every_app():
    """templates/form.html serves every app's form pages; no app keeps a copy of its own."""
    copies = [str(p.relative_to(ROOT)) for app in project_apps()
              for p in (ROOT / app.replace(".", "/")).rglob("templates/**/form.html")]
    assert (ROOT / "templates" / "form.html").exists() and not copies, copies
