"""Searches by name, phone or ID number never put the term in a URL, the web server's access
log or the application's log: every search form is POSTed, its results shown at an opaque
token; the access log format has no query string; logged exceptions lose their text."""

from __future__ import annotations

import io
import logging
import logging.config
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from tests.children.factories import ChildFactory
from tests.factories import PositionFactory
from tests.rights.factories import CaseFactory

ROOT = Path(__file__).resolve().parents[2]
PHONE, NAME, ID_NUMBER = "13812345678", "周小燕", "11010519491231002X"
#: (URL name, the search form's field, the role that searches).
SEARCH_FORMS = [("search", "q", "district_staff"), ("children:children", "name", "district_staff"),
                ("rights:case_list", "number", "district_admin")]


@pytest.fixture
def captured_logs():
    """The production logging setup (JSON lines, the personal-data filter) into a buffer."""
    stream = io.StringIO()
    config = {**settings.LOGGING, "handlers": {"console": {
        "class": "logging.StreamHandler", "formatter": "json", "filters": ["no_personal_data"],
        "stream": stream}}, "root": {"handlers": ["console"], "level": "INFO"},
        "disable_existing_loggers": False}
    logging.config.dictConfig(config)
    yield stream
    logging.config.dictConfig(settings.LOGGING)


def urls_in(page: str) -> list[str]:
    return re.findall(r'(?:href|action|src)="([^"]*)"', page)


@pytest.mark.parametrize("term", [PHONE, NAME, ID_NUMBER])
def test_every_search_form_keeps_the_term_out_of_urls_and_logs(world, login, captured_logs,
                                                                term):
    ChildFactory(org=world.c1, name=NAME)
    CaseFactory(org=world.c1, registered_by=world.users["district_admin"])
    PositionFactory(org=world.c1, person__name=NAME)
    for name, field, role in SEARCH_FORMS:
        client = login(world.users[role])
        form_page = client.get(reverse(name)).content.decode()
        assert re.search(rf'<form[^>]*method="post"[^>]*>(?:(?!</form>).)*name="{field}"',
                         form_page, re.S), f"{name}: the {field} box is not in a POST form"
        response = client.post(reverse(name), {field: term}, follow=True)
        assert response.status_code == 200
        visited = [url for url, _status in response.redirect_chain]
        assert visited and all("?s=" in url for url in visited), visited
        assert not [url for url in visited if term in url]
        assert not [url for url in urls_in(response.content.decode()) if term in url], name
        # The token brings the same search back (pagination keeps it).
        again = client.get(visited[-1])
        assert again.status_code == 200 and term in again.content.decode()
        logging.getLogger("django.request").warning("Not Found: %s?%s=%s", reverse(name),
                                                     field, term)
    assert term not in captured_logs.getvalue()


def test_a_stale_or_forged_token_is_an_empty_search(world, login):
    client = login(world.users["district_staff"])
    response = client.get(reverse("search"), {"s": "forged"})
    assert response.status_code == 200 and response.context["q"] == ""
    assert client.get(reverse("search"), {"q": PHONE}).context["q"] == ""  # ?q= is not read


def test_exception_text_that_quotes_input_is_not_logged(captured_logs):
    try:
        try:
            int("1 OR 1=1")
        except ValueError as error:
            raise RuntimeError(f"expected a number but got {PHONE!r}") from error
    except RuntimeError:
        logging.getLogger("django.request").exception("Internal Server Error: /orgs/?q=%s",
                                                       PHONE)
    line = captured_logs.getvalue()
    assert PHONE not in line and "1 OR 1=1" not in line
    assert "RuntimeError" in line and "ValueError" in line and "/orgs/" in line


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_gunicorn_access_log_drops_query_strings(tmp_path):
    """`make serve`'s gunicorn settings, served for real: the line has the path, not the
    query string nor the referrer."""
    log, port = tmp_path / "access.log", free_port()
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "federation.test_settings",
           "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}"}
    server = subprocess.Popen(
        [str(Path(sys.executable).parent / "gunicorn"), "federation.wsgi", "-c",
         "federation/gunicorn.conf.py", "--bind", f"127.0.0.1:{port}", "--workers", "1",
         "--access-logfile", str(log)], cwd=ROOT, env=env, stderr=subprocess.DEVNULL)
    try:
        url = f"http://127.0.0.1:{port}/accounts/login/?next=/search/%3Fq%3D{PHONE}&q={PHONE}"
        for _ in range(100):
            try:
                request = urllib.request.Request(url, headers={
                    "Referer": f"http://127.0.0.1:{port}/search/?q={PHONE}"})
                urllib.request.urlopen(request, timeout=5).read()
                break
            except OSError:
                time.sleep(0.2)
        for _ in range(50):
            if log.exists() and log.read_text():
                break
            time.sleep(0.1)
    finally:
        server.terminate()
        server.wait(timeout=10)
    text = log.read_text()
    assert "/accounts/login/" in text
    assert PHONE not in text and "?" not in text
