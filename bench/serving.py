"""What the benchmark scripts that start gunicorn share: the environment of a production-shaped
server (DEBUG off) on the loopback, reading the data the seed wrote with DEBUG on."""

from __future__ import annotations

import http.client
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def production_env(**extra: str) -> dict[str, str]:
    return {
        **os.environ,
        "DEBUG": "false",
        "SECURE_SSL_REDIRECT": "false",  # no TLS proxy on the loopback
        "ALLOWED_HOSTS": "127.0.0.1",
        "LOG_LEVEL": "WARNING",
        "CONN_MAX_AGE": "60",
        "TWO_FACTOR_REQUIRED_ROLES": "",  # as on demo machines: no phone in a benchmark
        # The seed ran with DEBUG on, so its personal data is encrypted with the dev keys.
        "FIELD_ENCRYPTION_KEYS": os.environ.get(
            "FIELD_ENCRYPTION_KEYS", "dev-only-field-key-not-for-production"),
        "PII_HASH_KEY": os.environ.get("PII_HASH_KEY", "dev-only-hash-key-not-for-production"),
        **extra,
    }


def start_gunicorn(port: int, workers: int, env: dict[str, str]) -> subprocess.Popen:
    """collectstatic, then gunicorn on the loopback; returns once it answers."""
    subprocess.run([sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
                   cwd=ROOT, env=env, check=True)
    server = subprocess.Popen(
        [str(Path(sys.executable).parent / "gunicorn"), "federation.wsgi",
         "-c", "federation/gunicorn.conf.py",
         "--bind", f"127.0.0.1:{port}", "--workers", str(workers),
         "--timeout", "60", "--log-level", "warning", "--preload"], cwd=ROOT, env=env)
    for _ in range(150):
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/health/")
            conn.getresponse().read()
            return server
        except OSError:
            if server.poll() is not None:
                sys.exit("gunicorn did not start")
            time.sleep(0.2)
    server.terminate()
    sys.exit("gunicorn did not answer")
