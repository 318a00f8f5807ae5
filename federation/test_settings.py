"""Settings for the test suite: the real settings with a test secret and a fast hasher."""

import os

os.environ.setdefault("SECRET_KEY", "test-only-secret-key-not-for-production-0123456789")
os.environ.setdefault("FIELD_ENCRYPTION_KEYS", "test-only-field-key")
os.environ.setdefault("PII_HASH_KEY", "test-only-hash-key")

from federation.settings import *  # noqa: E402,F403
from federation.settings import STORAGES  # noqa: E402

# PBKDF2 at full strength costs ~0.3 s a check; tests use a fast hasher.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {**STORAGES, "staticfiles": {
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
SECURE_SSL_REDIRECT = False
CELERY_TASK_ALWAYS_EAGER = True
SUMMARY_BACKGROUND_THREAD = False  # tests build in the request, inside their transaction
# Parallel test workers share one Redis: keep their cache keys apart.
CACHES = {**CACHES}  # noqa: F405
CACHES["default"] = {**CACHES["default"], "KEY_PREFIX": os.environ.get("PYTEST_XDIST_WORKER", "")}
# Pages are tested with force_login; two-factor is switched on by its own tests (the settings
# fixture) and by every real deployment (see federation.settings).
TWO_FACTOR_REQUIRED_ROLES: list[str] = []
# The cache is shared between runs (Redis): its own test switches the dashboard's on.
DASHBOARD_CACHE_SECONDS = 0
