"""`make run` runs the demo with DEMO on and DEBUG off: the portal's own 403/404 pages, the
development keys, plain HTTP; refused pages write one log line, not a traceback."""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
from pathlib import Path

from django.core.management import call_command
from django.urls import reverse

ROOT = Path(__file__).resolve().parents[2]


def demo_settings() -> dict:
    env = {k: v for k, v in os.environ.items()
           if k not in ("SECRET_KEY", "FIELD_ENCRYPTION_KEYS", "PII_HASH_KEY", "DEBUG")}
    env.update(DEMO="true", DJANGO_SETTINGS_MODULE="federation.settings")
    code = ("import json; from django.conf import settings as s; print(json.dumps({"
            "'debug': s.DEBUG, 'ssl': getattr(s, 'SECURE_SSL_REDIRECT', False), "
            "'secure_cookie': getattr(s, 'SESSION_COOKIE_SECURE', False), "
            "'finders': s.WHITENOISE_USE_FINDERS, 'key': bool(s.SECRET_KEY)}))")
    out = subprocess.run([sys.executable, "-c", code], env=env, cwd=ROOT, check=True,
                         capture_output=True, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def test_the_makefile_runs_the_demo_with_debug_off():
    run = (ROOT / "Makefile").read_text().split("\nrun:")[1].split("\n\n")[0]
    assert "DEMO=true $(PY) manage.py runserver" in run and "DEBUG=true $(PY) manage.py " \
        "runserver" not in run
    assert demo_settings() == {"debug": False, "ssl": False, "secure_cookie": False,
                               "finders": True, "key": True}


def test_missing_and_refused_pages_are_the_portals_own(world, login, settings):
    settings.DEBUG = False  # as in the demo
    client = login(world.users["leader"])
    missing = client.get("/no-such-page/")
    assert missing.status_code == 404 and "404.html" in [t.name for t in missing.templates]
    assert "URLconf" not in missing.content.decode()
    refused = client.get(reverse("families:honour_nominate"))
    assert refused.status_code == 403 and "403.html" in [t.name for t in refused.templates]


def test_a_refused_page_logs_one_line_without_a_traceback(world, login):
    client = login(world.users["leader"])
    handler_records = []

    class Keep(logging.Handler):
        def emit(self, record):
            handler_records.append(record)

    from federation.kernel.logs import DropPersonalData

    keep = Keep()
    keep.addFilter(DropPersonalData())
    logger = logging.getLogger("django.request")
    logger.addHandler(keep)
    try:
        response = client.post(reverse("families:honour_nominate"))
    finally:
        logger.removeHandler(keep)
    assert response.status_code == 403
    refused = [r for r in handler_records if getattr(r, "status_code", None) == 403]
    assert refused and all(r.exc_info is None for r in refused)


def test_check_deploy_refuses_the_demo(settings):
    import pytest
    from django.core.management.base import SystemCheckError

    settings.DEMO = True
    with pytest.raises(SystemCheckError):
        call_command("check", "--deploy", "--fail-level", "ERROR", "--tag", "security")
