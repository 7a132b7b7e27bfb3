"""Settings for brandportal, read from the environment.

Every variable is listed in `.env.example`. With nothing set, the portal runs in its
embedded development mode: SQLite in the project folder, Celery tasks executed eagerly
in-process, e-mail printed to the console. Setting DJANGO_DEBUG=0 switches to production
mode, where SECRET_KEY and ALLOWED_HOSTS are required and `check --deploy` is clean.
"""

import os
import sys
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, REPORT_SAMPLE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG", True)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DJANGO_DEBUG is off.")
    SECRET_KEY = "django-insecure-development-only-key-never-use-in-production"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]" if DEBUG else "")
if not DEBUG and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS must be set when DJANGO_DEBUG is off.")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

# The public base URL, used in e-mails and on certificates' QR codes.
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.sitemaps",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "rules.apps.AutodiscoverRulesConfig",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "csp",
    "knox",
    "import_export",
    "django_celery_beat",
    "axes",
    "accounts",
    "enterprises",
    "standards",
    "certification",
    "certificates",
    "pilots",
    "promotion",
    "supervision",
    "directory",
    "outbox",
    "activity",
]

MIDDLEWARE = [
    # Before anything reads a cookie (the session's holding NUL was a 500 on PostgreSQL).
    "brandportal.middleware.DropNulCookiesMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # After authentication, so its 400 page has the site's header; before every view.
    "brandportal.middleware.RejectNulMiddleware",
    # Last, as django-axes asks: turns a locked-out login into accounts.lockout's answer.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "brandportal.urls"
WSGI_APPLICATION = "brandportal.wsgi.application"
ASGI_APPLICATION = "brandportal.asgi.application"

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
                "accounts.context_processors.navigation",
            ],
        },
    },
]

# Persistent connections only where the server reuses its threads: gunicorn's sync workers
# and Celery's processes serve everything from one thread, which keeps one connection for
# CONN_MAX_AGE seconds. `runserver` starts a thread per request, and each thread kept its
# own connection open until PostgreSQL ran out of them ("too many clients"): there, and by
# default, connections close after each request. The budget (README, "Operations"):
# web processes × threads + worker processes + beat ≤ max_connections.
RUNSERVER = sys.argv[1:2] == ["runserver"]
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=0 if RUNSERVER else int(os.environ.get("DATABASE_CONN_MAX_AGE") or "0"),
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# A shared cache (Redis) in production, so rate limits and counters hold across processes;
# the in-process cache of the embedded default is per process. Short socket timeouts: when
# Redis is down, throttles fall back to a per-process count (brandportal/throttling.py)
# instead of holding the request.
CACHES = {
    "default": (
        {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": CACHE_URL,
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
        if (CACHE_URL := os.environ.get("CACHE_URL", ""))
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # First: refuses a locked-out account and address before any password is checked.
    "accounts.lockout.LoginLockoutBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "accounts:dashboard"
LOGOUT_REDIRECT_URL = "home"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Login lockout (django-axes, see accounts/lockout.py): after LOGIN_FAILURE_LIMIT wrong
# passwords for one account from one client address, that pair waits LOGIN_LOCKOUT_MINUTES
# (web login, admin login and token endpoint alike). Attempts are kept in the database,
# so the lockout holds across processes and an administrator can lift it in the admin.
AXES_FAILURE_LIMIT = int(os.environ.get("LOGIN_FAILURE_LIMIT") or "5")
LOGIN_LOCKOUT_MINUTES = int(os.environ.get("LOGIN_LOCKOUT_MINUTES") or "15")
if AXES_FAILURE_LIMIT < 1 or LOGIN_LOCKOUT_MINUTES < 1:
    raise ImproperlyConfigured("LOGIN_FAILURE_LIMIT and LOGIN_LOCKOUT_MINUTES must be 1 or more.")
AXES_COOLOFF_TIME = timedelta(minutes=LOGIN_LOCKOUT_MINUTES)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_USERNAME_FORM_FIELD = "username"  # the field the login forms and the token endpoint post
AXES_USERNAME_CALLABLE = "accounts.lockout.login_username"
AXES_CLIENT_IP_CALLABLE = "brandportal.client_address.client_ip"
AXES_LOCKOUT_CALLABLE = "accounts.lockout.lockout_response"
AXES_HTTP_RESPONSE_CODE = 429
# Failures are what the lockout needs; a log of every successful login is not.
AXES_DISABLE_ACCESS_LOG = True

# Chinese first: msgids are Simplified Chinese, `locale/en` carries the English.
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
# Evidence documents and certificates never sit under MEDIA_URL: views serve them after
# a permission check.
PRIVATE_MEDIA_ROOT = Path(os.environ.get("PRIVATE_MEDIA_ROOT", BASE_DIR / "private_media"))
WHITENOISE_AUTOREFRESH = DEBUG
WHITENOISE_USE_FINDERS = DEBUG
STORAGES = {
    # User images only, stored re-encoded; served by brandportal.views.media.
    "default": {"BACKEND": "brandportal.storage.PublicImageStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "江西绿色生态品牌 <noreply@example.org>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Seconds per mail-server operation: a hung server must not hold an outbox message past
# its lease (outbox.services.LEASE).
EMAIL_TIMEOUT = 30

# Celery: without a broker URL, tasks run eagerly in-process (the embedded default).
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "")
# No result backend unless one is asked for: nothing in the portal reads a task's result,
# and a Redis result backend made each `.delay()` wait ~19 s in its reconnect loop while
# Redis was down.
CELERY_RESULT_BACKEND = os.environ.get("CELERY_RESULT_BACKEND") or None
CELERY_TASK_IGNORE_RESULT = not CELERY_RESULT_BACKEND
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
if not CELERY_BROKER_URL:
    CELERY_BROKER_URL = "memory://"
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# Rendering many PDFs grows a worker's memory (cached fonts): recycle children.
CELERY_WORKER_MAX_TASKS_PER_CHILD = 200
# No task runs longer than this (the longest measured: a webhook POST, 10 s timeout; a
# certificate render, well under 1 s): a stuck one is stopped, and the sweeps redo its work.
CELERY_TASK_SOFT_TIME_LIMIT = 240
CELERY_TASK_TIME_LIMIT = 300
# Publishing happens in web requests: a down broker must cost a connect attempt, not
# seconds of retries. The failure is logged and a periodic sweep queues the work again.
CELERY_BROKER_CONNECTION_TIMEOUT = 1
CELERY_TASK_PUBLISH_RETRY_POLICY = {"max_retries": 0}
CELERY_BROKER_TRANSPORT_OPTIONS = {
    # Above the longest task plus the longest countdown (a webhook retry: 16 min), so
    # Redis does not redeliver a task still running or waiting, yet a killed worker's
    # messages come back within the hour (tests/brandportal/test_celery_settings.py).
    "visibility_timeout": 30 * 60,
    "socket_connect_timeout": 1,
    # A Redis that accepts connections but does not answer (stopped, swapping) must not
    # hold a request until gunicorn kills it; above the worker's 1 s BRPOP timeout.
    "socket_timeout": 5,
}
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# The worker survives the broker going away while a task runs (brandportal/worker.py): the
# lost connection is closed before Celery clears it, and a task whose message can no longer
# be acknowledged is terminated; it runs again from redelivery or a sweep (idempotent).
CELERY_WORKER_CONSUMER = "brandportal.worker:PortalConsumer"
CELERY_WORKER_CANCEL_LONG_RUNNING_TASKS_ON_CONNECTION_LOSS = True
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"

# Certificates: the key signing their QR codes (empty: derived from SECRET_KEY) and the
# per-IP rate of public look-ups (verification page and API together).
CERTIFICATE_SIGNING_KEY = os.environ.get("CERTIFICATE_SIGNING_KEY", "")
CERTIFICATE_LOOKUP_RATE = os.environ.get("CERTIFICATE_LOOKUP_RATE", "30/min")
# Public infringement reports per client IP (no login needed to report).
INFRINGEMENT_REPORT_RATE = os.environ.get("INFRINGEMENT_REPORT_RATE", "10/hour")

# How many proxies we trust stand in front of the portal (0 in `make run`, 1 behind the
# TLS proxy of docker compose): the client's address is the N-th entry from the right of
# X-Forwarded-For, or REMOTE_ADDR with none. One rule for every rate limit and the login
# lockout (brandportal/client_address.py); DRF's NUM_PROXIES is set from it below.
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT") or "0")
if TRUSTED_PROXY_COUNT < 0:
    raise ImproperlyConfigured("TRUSTED_PROXY_COUNT must be 0 or more.")

REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "brandportal.api_schema.PortalAutoSchema",
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticatedOrReadOnly"],
    # Conventions shared by every endpoint: see brandportal/api.py.
    "DEFAULT_PAGINATION_CLASS": "brandportal.api.PortalPagination",
    # JSON bodies are bounded in nesting and refuse NUL (a 400, not a RecursionError).
    "DEFAULT_PARSER_CLASSES": [
        "brandportal.api_parsers.JSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "EXCEPTION_HANDLER": "brandportal.api.exception_handler",
    # Views that take tokens list HashedTokenAuthentication first (brandportal.api.TOKEN_FIRST),
    # so that a missing or wrong token is a 401 with WWW-Authenticate there.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "brandportal.authentication.HashedTokenAuthentication",
    ],
    # Rates are read per request from API_ANON_RATE / API_USER_RATE below.
    "NUM_PROXIES": TRUSTED_PROXY_COUNT,
    "DEFAULT_THROTTLE_CLASSES": [
        "brandportal.api.AnonApiThrottle",
        "brandportal.api.UserApiThrottle",
    ],
}
# API tokens (django-rest-knox): only a SHA-512 digest and a 15-character prefix are
# stored; the token itself is shown once, when issued. They do not expire; a user holds
# at most API_TOKENS_PER_USER of them, the oldest being revoked by the next one issued.
REST_KNOX = {"TOKEN_TTL": None, "AUTH_HEADER_PREFIX": "Token"}
API_TOKENS_PER_USER = int(os.environ.get("API_TOKENS_PER_USER", "10"))
API_ANON_RATE = os.environ.get("API_ANON_RATE", "120/min") or None
API_USER_RATE = os.environ.get("API_USER_RATE", "600/min") or None
# Requests for a token (POST /api/v1/auth/token/) per client address.
API_TOKEN_RATE = os.environ.get("API_TOKEN_RATE", "10/min") or None
# Webhook receivers must use https; only local development and tests may allow http.
WEBHOOK_ALLOW_HTTP = env_bool("WEBHOOK_ALLOW_HTTP", False)
SPECTACULAR_SETTINGS = {
    "TITLE": "江西绿色生态品牌认证 API",
    "DESCRIPTION": (
        "Public and enterprise API of the 江西绿色生态 brand certification portal.\n\n"
        "**Webhooks.** Registered clients receive a POST (JSON) when a certificate is "
        "suspended, revoked, expired or renewed. Headers: `X-JXGE-Event`, "
        "`X-JXGE-Delivery` (the delivery id: the same on every attempt of a delivery, "
        "and the body's `id`), `X-JXGE-Timestamp` (Unix seconds) and `X-JXGE-Signature`: "
        "`sha256=` and the hex HMAC-SHA256, with the client's secret, of "
        "`<timestamp>.<delivery id>.<body>`. Verify it in constant time and refuse old "
        "timestamps. Delivery is at least once: a failed attempt is retried with "
        "backoff, and an attempt cut short may be repeated, so keep the delivery ids "
        "you have processed and ignore a repeat. Answer 2xx within 10 s."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # Swagger UI from drf-spectacular-sidecar's static files, not a CDN: it works offline and
    # in mainland China, and the Content-Security-Policy below needs no third-party origin.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "ENUM_NAME_OVERRIDES": {
        "ApplicationStateEnum": "certification.enums.ApplicationState",
        "StandardStateEnum": "standards.enums.StandardState",
    },
}

# Content-Security-Policy on every response (django-csp): scripts and styles only from our
# own static files, no inline code, so injected markup cannot run. Images may also be
# data: URIs (Pico's form icons) and https: (article bodies may show pictures hosted
# elsewhere; nh3 already strips everything but the src).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        # 'report-sample': a violation report quotes the start of the blocked code.
        "script-src": [SELF, REPORT_SAMPLE],
        "style-src": [SELF, REPORT_SAMPLE],
        "img-src": [SELF, "data:", "https:"],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    # django-axes logs every login failure at INFO; failures and lockouts are WARNINGs.
    "loggers": {"axes": {"level": "WARNING"}},
}

# Production hardening; `python manage.py check --deploy` is clean with DJANGO_DEBUG=0.
if not DEBUG:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_REFERRER_POLICY = "same-origin"
    X_FRAME_OPTIONS = "DENY"
