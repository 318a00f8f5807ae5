"""What the benchmark scripts that start gunicorn share: the environment of a production-shaped
server (DEBUG off) on the loopback, reading the data the seed wrote with DEBUG on."""

from __future__ import annotations

import os


def production_env(**extra: str) -> dict[str, str]:
    return {
        **os.environ,
        "DEBUG": "false",
        "SECURE_SSL_REDIRECT": "false",  # no TLS proxy on the loopback
        "ALLOWED_HOSTS": "127.0.0.1",
        "LOG_LEVEL": "WARNING",
        "CONN_MAX_AGE": "60",
        # The seed ran with DEBUG on, so its personal data is encrypted with the dev keys.
        "FIELD_ENCRYPTION_KEYS": os.environ.get(
            "FIELD_ENCRYPTION_KEYS", "dev-only-field-key-not-for-production"),
        "PII_HASH_KEY": os.environ.get("PII_HASH_KEY", "dev-only-hash-key-not-for-production"),
        **extra,
    }
