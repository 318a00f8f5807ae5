"""Security headers, the Content Security Policy, and templates without inline scripts."""

import os
import re
import subprocess
import sys
from pathlib import Path

from django.conf import settings
from django.test import Client
from django.urls import reverse

ROOT = Path(settings.BASE_DIR)


def directives(header: str) -> dict[str, list[str]]:
    parsed = {}
    for part in header.split(";"):
        words = part.split()
        if words:
            parsed[words[0]] = words[1:]
    return parsed


def test_csp_and_other_headers_on_pages(world, login):
    for client, url in ((Client(), reverse("login")),
                        (login(world.users["leader"]), reverse("home"))):
        response = client.get(url)
        assert response.status_code == 200
        csp = directives(response["Content-Security-Policy"])
        assert csp["script-src"] == ["'self'"]
        assert csp["default-src"] == ["'self'"]
        assert csp["frame-ancestors"] == ["'none'"] and csp["object-src"] == ["'none'"]
        assert response["X-Frame-Options"] == "DENY"
        assert response["Referrer-Policy"] == "same-origin"
        assert response["X-Content-Type-Options"] == "nosniff"


def test_hsts_and_secure_cookies_in_production_shape(world, settings):
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = True
    client = Client()
    response = client.post(reverse("login"), {"username": "leader", "password": "test-pass-123"},
                           secure=True)
    assert response.status_code == 302
    assert response["Strict-Transport-Security"].startswith("max-age=31536000")
    assert response.cookies[settings.SESSION_COOKIE_NAME]["secure"]
    assert response.cookies[settings.SESSION_COOKIE_NAME]["httponly"]


INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/(ld\+)?json)[^>]*>",
                           re.IGNORECASE)
HANDLER = re.compile(r"\son[a-z]+\s*=\s*[\"']", re.IGNORECASE)


def project_templates():
    skip = {".venv", "node_modules", "staticfiles", ".git", "tests"}
    for path in ROOT.rglob("*.html"):
        if not skip & set(path.relative_to(ROOT).parts):
            yield path


def test_no_template_has_inline_script_or_event_handler():
    """The policy forbids inline scripts: page code goes to static/*.js (data via json_script)."""
    offenders = []
    for path in project_templates():
        text = path.read_text()
        for pattern in (INLINE_SCRIPT, HANDLER, re.compile(r"javascript:", re.IGNORECASE)):
            offenders += [f"{path.relative_to(ROOT)}: {m.group(0)}" for m in
                          pattern.finditer(text)]
    assert not offenders, offenders


def test_the_scan_catches_what_it_should():
    assert INLINE_SCRIPT.search("<script>alert(1)</script>")
    assert INLINE_SCRIPT.search('<script type="module">x()</script>')
    assert not INLINE_SCRIPT.search('<script src="/static/a.js"></script>')
    assert not INLINE_SCRIPT.search('<script id="d" type="application/json">{}</script>')
    assert HANDLER.search('<button onclick="go()">')
    assert not HANDLER.search('<button class="x" data-on="1">')


def test_check_deploy_is_clean_with_production_settings():
    env = {**os.environ, "DEBUG": "false", "DJANGO_SETTINGS_MODULE": "federation.settings",
           "SECRET_KEY": "check-only-0123456789abcdefghijklmnopqrstuvwxyz-ABCDEFGHIJ",
           "FIELD_ENCRYPTION_KEYS": "check-only", "PII_HASH_KEY": "check-only",
           "ALLOWED_HOSTS": "portal.example"}
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    result = subprocess.run([sys.executable, "manage.py", "check", "--deploy",
                             "--fail-level", "WARNING"], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout
