"""One settings module, driven by environment variables (see README.md)."""

import datetime
from pathlib import Path

import environ
from celery.schedules import crontab
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=False)
# The demo (`make run`): DEBUG off, so that refused and missing pages are the portal's own, but
# the development keys, plain HTTP and static files served from their sources still work.
# Never on real data: `check --deploy` refuses it (federation.checks).
DEMO = env.bool("DEMO", default=False)
DEV_KEYS = DEBUG or DEMO
if DEV_KEYS:
    SECRET_KEY = env("SECRET_KEY", default="dev-only-insecure-key-not-for-production-0123456789")
else:
    SECRET_KEY = env("SECRET_KEY")  # required: there is no default outside DEBUG
# Personal data: field encryption keys (first encrypts, all decrypt: prepend a new key to rotate,
# then run `manage.py reencrypt`) and the key of the look-up hashes stored beside them.
if DEV_KEYS:
    SALT_KEY = env.list("FIELD_ENCRYPTION_KEYS", default=["dev-only-field-key-not-for-production"])
    PII_HASH_KEY = env("PII_HASH_KEY", default="dev-only-hash-key-not-for-production")
else:
    SALT_KEY = env.list("FIELD_ENCRYPTION_KEYS")
    PII_HASH_KEY = env("PII_HASH_KEY")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

#: The project's own apps, in dependency order (the kernel's app first, then the tree, then
#: the domain apps); hooks and demo data follow this order.
LOCAL_APPS = ["federation", "orgs", "families", "rights", "children"]
INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_filters",
    "treebeard",
    "django_celery_beat",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "csp",
    "auditlog",
    *LOCAL_APPS,
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "federation.locale.ChosenLanguageMiddleware",  # the reader's choice, else Chinese
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    # A NUL byte anywhere, or a query parameter a view cannot parse: 400 with a message.
    "federation.kernel.filters.BadParametersMiddleware",
    # Session age, two-factor step and forced password change, in that order.
    "federation.portal.accounts.SecurityGateMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "federation.kernel.audit.AuditMiddleware",
    # Last, as django-axes requires.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "federation.urls"
WSGI_APPLICATION = "federation.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
# A kept connection is checked before a request reuses it: one the server dropped (restart,
# failover, idle timeout) is replaced instead of failing the request.
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"].endswith("postgresql"):
    # Fail fast when the database is unreachable (health checks, requests) instead of hanging.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault(
        "connect_timeout", env.int("DATABASE_CONNECT_TIMEOUT", default=3))
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env("REDIS_URL", default="")
if REDIS_URL:
    # A Redis outage is a cache miss, not a server error (federation/cache.py).
    CACHES = {"default": {"BACKEND": "federation.kernel.cache.ResilientRedisCache",
                          "LOCATION": REDIS_URL,
                          "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 2}}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# The dashboard's figures of a scope are kept this long (0: computed on every view).
DASHBOARD_CACHE_SECONDS = env.int("DASHBOARD_CACHE_SECONDS", default=300)

AUTH_USER_MODEL = "orgs.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # first: refuses locked-out credentials
    "django.contrib.auth.backends.ModelBackend",
]

# Passwords (see README "Security"): at least 8 characters, up to 128 (ASVS: allow >= 64),
# not common, and by default 3 of 4 character classes (等保 assessors expect it; OWASP ASVS 5
# advises against composition rules: PASSWORD_CHARACTER_CLASSES=0 switches it off).
PASSWORD_CHARACTER_CLASSES = env.int("PASSWORD_CHARACTER_CLASSES", default=3)
# Optional maximum password age in days (0 = off); older passwords must be changed at login.
PASSWORD_MAX_AGE_DAYS = env.int("PASSWORD_MAX_AGE_DAYS", default=0)
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
     "OPTIONS": {"min_length": 8}},
    {"NAME": "federation.kernel.passwords.MaximumLengthValidator", "OPTIONS": {"max_length": 128}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "federation.kernel.passwords.CharacterClassesValidator"},
    # Not a rule: records when a password was set (for PASSWORD_MAX_AGE_DAYS).
    {"NAME": "federation.kernel.passwords.PasswordChangeRecorder"},
]

# Login lockout (django-axes; its defaults are 3 failures, lock by IP only, forever):
# 5 failures of one username from one IP lock that pair for 30 minutes.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = datetime.timedelta(minutes=30)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/lockout.html"
AXES_CLIENT_IP_CALLABLE = "federation.kernel.models.client_ip"
AXES_ENABLE_ACCESS_FAILURE_LOG = False  # failed logins go to the audit trail instead
AXES_DISABLE_ACCESS_LOG = True

# Sessions: end after 30 minutes idle (SecurityGateMiddleware moves the expiry on once a minute
# while the user is active), after 12 hours whatever happens, and when the browser closes.
SESSION_COOKIE_AGE = env.int("SESSION_IDLE_SECONDS", default=30 * 60)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_ABSOLUTE_SECONDS = env.int("SESSION_ABSOLUTE_SECONDS", default=12 * 3600)

# Two-factor (TOTP, django-otp): required for these roles (and superusers), optional for others;
# "case_handler" stands for anyone a rights case is assigned to (checked at login).
# TWO_FACTOR_REQUIRED_ROLES= (empty) makes it optional for everyone (demo machines only).
TWO_FACTOR_REQUIRED_ROLES = [r for r in env.list(
    "TWO_FACTOR_REQUIRED_ROLES", default=["district_admin", "district_staff", "case_handler"])
    if r]
OTP_TOTP_ISSUER = env("OTP_TOTP_ISSUER", default="妇联工作平台")

# Simplified Chinese by default, English available.
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", _("Simplified Chinese")), ("en", _("English"))]
# One catalogue per app; strings of the top-level templates/ go to the first (federation).
LOCALE_PATHS = [BASE_DIR / app / "locale" for app in LOCAL_APPS]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
NODE_MODULES = BASE_DIR / "node_modules"
STATICFILES_DIRS = [
    BASE_DIR / "static",
    ("vendor/bootstrap", NODE_MODULES / "bootstrap" / "dist"),
    ("vendor/bootstrap-icons", NODE_MODULES / "bootstrap-icons" / "font"),
    ("vendor/htmx", NODE_MODULES / "htmx.org" / "dist"),
    ("vendor/echarts", NODE_MODULES / "echarts" / "dist"),
    ("vendor/tom-select", NODE_MODULES / "tom-select" / "dist"),
]
MEDIA_URL = "media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", default=str(BASE_DIR / "media")))
# Every file the portal writes or serves (summary reports, activity attachments, courtyard
# photos, children's project files) goes through the storage API, so web servers and workers
# on different machines see the same files: by default a folder all of them mount at
# MEDIA_ROOT (NFS or similar); with STORAGE_S3_BUCKET an S3-compatible store (MinIO, a
# government cloud's object storage) through django-storages. Files stay private either way:
# the portal streams them to users who may see them, never links to the store.
STORAGE_S3_BUCKET = env("STORAGE_S3_BUCKET", default="")
if STORAGE_S3_BUCKET:
    DEFAULT_STORAGE = {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": {
        "bucket_name": STORAGE_S3_BUCKET,
        "endpoint_url": env("STORAGE_S3_ENDPOINT_URL", default="") or None,
        "region_name": env("STORAGE_S3_REGION", default="") or None,
        "access_key": env("STORAGE_S3_ACCESS_KEY", default="") or None,
        "secret_key": env("STORAGE_S3_SECRET_KEY", default="") or None,
        "location": env("STORAGE_S3_PREFIX", default=""),
        "file_overwrite": False,  # like the folder: a second file of a name gets a new name
        "default_acl": "private",
        "querystring_auth": True,
    }}
else:
    DEFAULT_STORAGE = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
STORAGES = {
    "default": DEFAULT_STORAGE,
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEV_KEYS
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
# Uploads: anything bigger than this is refused before it is parsed.
MAX_UPLOAD_BYTES = env.int("MAX_UPLOAD_BYTES", default=10 * 1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = MAX_UPLOAD_BYTES
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Celery: Redis when REDIS_URL is set, otherwise tasks run in-process.
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = REDIS_URL or "cache+memory://"
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# A task whose worker died is re-delivered once its visibility timeout (minutes, on purpose:
# longer than any build) has passed; kombu sweeps for such messages every restore interval
# (its default sweep, 10 s x a throttle of 10, would add up to 100 s).
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT", default=600),
    "unacked_restore_interval": env.int("CELERY_UNACKED_RESTORE_INTERVAL", default=10),
    "unacked_restore_throttle": 1,
    "socket_connect_timeout": 1,
    "socket_timeout": 2,
    # A request that queues work answers within 2 s when Redis is gone: one retry, at once.
    "max_retries": 1,
    "interval_start": 0,
    "interval_step": 0.2,
    "interval_max": 0.2,
}
# The Redis result backend: the same short timeouts, and no retries (its default is 20 with
# growing pauses: a request queueing a task with Redis down used to wait 20 s).
CELERY_REDIS_SOCKET_CONNECT_TIMEOUT = 1
CELERY_REDIS_SOCKET_TIMEOUT = 2
CELERY_RESULT_BACKEND_TRANSPORT_OPTIONS = {"retry_policy": {"max_retries": 0}}
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BROKER_CONNECTION_TIMEOUT = 2  # a request asking for a report answers fast if Redis is down
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
CELERY_BEAT_SCHEDULE = {
    "year-end-summary": {  # last year's summary, built on 5 January at 06:00
        "task": "federation.portal.tasks.scheduled_summary",
        "schedule": crontab(minute=0, hour=6, day_of_month=5, month_of_year=1),
    },
    "tally-reminders": {  # three days before each month's tally deadline, once per chair
        "task": "orgs.tasks.tally_reminders",
        "schedule": crontab(minute=0, hour=8),
    },
    "duty-reminders": {  # early in each quarter, once per executive member and quarter
        "task": "orgs.tasks.duty_reminders",
        "schedule": crontab(minute=30, hour=8),
    },
    # The health page reports the age of the last heartbeat: beat and a worker are alive.
    "heartbeat": {"task": "federation.portal.tasks.heartbeat", "schedule": 60.0},
    "clear-expired-sessions": {"task": "federation.portal.tasks.clear_expired_sessions",
                               "schedule": 3600.0},
}
#: The health page calls the beat "late" after this many seconds without a heartbeat.
HEALTH_BEAT_MAX_AGE = env.int("HEALTH_BEAT_MAX_AGE", default=300)
# Embedded mode (no REDIS_URL): build summaries in a background thread so pages show progress.
SUMMARY_BACKGROUND_THREAD = env.bool("SUMMARY_BACKGROUND_THREAD", default=True)
SUMMARY_TEST_PAUSE_SECONDS = env.float("SUMMARY_TEST_PAUSE_SECONDS", default=0)

# API tokens expire this many days after they are made or renewed; leaders (who change
# nothing) may hold one only when API_TOKENS_FOR_LEADERS is on.
API_TOKEN_DAYS = env.int("API_TOKEN_DAYS", default=90)
API_TOKENS_FOR_LEADERS = env.bool("API_TOKENS_FOR_LEADERS", default=False)

# Read API: token-authenticated, read-only, scoped like the pages, paginated.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "federation.portal.api.tokens.ExpiringTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 100,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
}
SPECTACULAR_SETTINGS = {
    "TITLE": _("Women's Federation Portal API"),
    "DESCRIPTION": _("Read-only figures of the federation, scoped to the token's user."),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated"],
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}

# Security. With DEBUG off, `manage.py check --deploy` is clean.
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# The demo serves static files from their sources (no collectstatic), over plain HTTP.
WHITENOISE_USE_FINDERS = WHITENOISE_AUTOREFRESH = DEV_KEYS
if not DEV_KEYS:
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_REDIRECT_EXEMPT = [r"^health/$"]  # probes from the proxy speak plain HTTP
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
    SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
# Content Security Policy (django-csp 4): scripts only from our own static files, never inline.
# Styles allow inline attributes (Bootstrap/ECharts set element styles); nothing from elsewhere.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, "'unsafe-inline'"],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}

# Audit trail (django-auditlog): every model of the project apps is registered by
# federation.kernel.audit.register_models(); personal-data fields are masked (see that module).
AUDITLOG_INCLUDE_ALL_MODELS = False
AUDITLOG_DISABLE_REMOTE_ADDR = True  # federation.kernel.audit.AuditMiddleware sets the trusted IP
#: Entries younger than this cannot be deleted (网络安全法 Art. 21: >= 6 months).
AUDIT_RETENTION_DAYS = max(180, env.int("AUDIT_RETENTION_DAYS", default=365))
# Behind the reverse proxy only: take the client IP from X-Forwarded-For.
TRUST_X_FORWARDED_FOR = env.bool("TRUST_X_FORWARDED_FOR", default=False)

EMAIL_BACKEND = env("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="portal@federation.local")

FEDERATION_NAME = env("FEDERATION_NAME", default="示范区妇女联合会")

# Logs: one JSON object a line (LOG_FORMAT=plain for humans), never request bodies, query
# strings or form data (federation.kernel.logs.DropPersonalData).
LOG_FORMAT = env("LOG_FORMAT", default="plain" if DEV_KEYS else "json")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"no_personal_data": {"()": "federation.kernel.logs.DropPersonalData"}},
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
        "json": {"()": "pythonjsonlogger.json.JsonFormatter",
                 "format": "%(asctime)s %(levelname)s %(name)s %(message)s",
                 "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"}},
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": LOG_FORMAT,
                             "filters": ["no_personal_data"]}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}
