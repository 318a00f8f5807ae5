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


def test_the_form_page_helper_saves_tells_and_redirects(world, login):
    """federation.kernel.views.form_page: a bad form is shown again on templates/form.html
    with nothing saved; a good one is saved, the message shown, the user sent on."""
    from django.urls import reverse

    from orgs.models import Person
    from tests.factories import PersonFactory

    person = PersonFactory(org=world.c1, name="王秀英")
    client = login(world.users["district_staff"])
    url = reverse("orgs:person_edit", args=[person.pk])
    page = client.get(url)
    assert page.status_code == 200 and [t.name for t in page.templates][0] == "form.html"
    assert f'href="{person.get_absolute_url()}"' in page.content.decode()  # Cancel
    bad = client.post(url, {"name": ""})
    assert bad.status_code == 200 and bad.context["form"].errors
    assert Person.objects.get(pk=person.pk).name == "王秀英"
    data = {**bad.context["form"].initial, "name": "王秀兰"}
    data = {k: v for k, v in data.items() if v is not None}
    saved = client.post(url, data, follow=True)
    assert saved.redirect_chain == [(person.get_absolute_url(), 302)]
    assert Person.objects.get(pk=person.pk).name == "王秀兰"
    assert "已保存" in saved.content.decode()


def test_upload_pages_go_through_the_upload_helper():
    """The four spreadsheet imports (organizations, accounts, tallies, households and rounds)
    use federation.kernel.views.upload_page: the all-or-nothing message is written once."""
    kernel = ROOT / "federation" / "kernel"
    text = "Nothing was saved: please correct the problems below."
    offenders = [str(p.relative_to(ROOT)) for p in project_sources()
                 if not p.is_relative_to(kernel) and text in p.read_text(encoding="utf-8")]
    assert not offenders, offenders
    users = [p for p in project_sources() if "upload_page(" in p.read_text(encoding="utf-8")
             and not p.is_relative_to(kernel)]
    assert len(users) >= 4, users
