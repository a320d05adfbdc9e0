"""Settings for POS Compare, read from the environment in this one module.

Defaults give a development setup with no service to install: SQLite in the repo, local-memory
cache. Production sets DJANGO_SECRET_KEY, DJANGO_ALLOWED_HOSTS, DATABASE_URL and REDIS_URL;
with those, ``manage.py check --deploy`` is clean.
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG", False)

# Without DJANGO_SECRET_KEY and with DEBUG off the key stays empty: commands that need no key
# (makemigrations, migrate, collectstatic) still run, while serving refuses to start
# (config/wsgi.py) and Django refuses anything that would sign with an empty key.
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY and DEBUG:
    SECRET_KEY = "django-insecure-development-only-key-never-used-in-production"
MISSING_SECRET_KEY = (
    "DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off "
    "(for local development run with DJANGO_DEBUG=1, as `make run` does)."
)

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")
# The site's own address (scheme and host, no trailing slash) for canonical links, Open Graph,
# share links and QR codes: never taken from the request's Host header, so a cached page names
# the same site whoever asked first. Default: https:// and the first allowed host (development:
# http://localhost:8000).
_FIRST_HOST = next((h.lstrip(".") for h in ALLOWED_HOSTS if h not in {"*", ""}), "localhost")
SITE_URL = (
    os.environ.get("DJANGO_SITE_URL")
    or ("http://localhost:8000" if DEBUG else f"https://{_FIRST_HOST}")
).rstrip("/")
CSRF_FAILURE_VIEW = "core.views.csrf_failure"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django_filters",
    "django_htmx",
    "csp",
    "simple_history",
    "import_export",
    "axes",
    "django_ratelimit",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "core",
    "catalog",
    "calculator",
    "compare",
    "guides",
    "reports",
    "ninja",
    "corsheaders",
    "api",
    "statements",
]

MIDDLEWARE = [
    # Compresses HTML and JSON (static files come pre-compressed from WhiteNoise). CSRF tokens are
    # masked per response, which keeps BREACH away from them.
    "django.middleware.gzip.GZipMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "core.middleware.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # After sessions (it may read the session's language) and before CommonMiddleware (which
    # needs the resolved language to append slashes to the right prefixed URL).
    "django.middleware.locale.LocaleMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Two-factor sign-in (django-otp): the admin and staff pages need the second factor.
    "django_otp.middleware.OTPMiddleware",
    "core.twofactor.TwoFactorMiddleware",
    # Staff sessions: 30 minutes idle, 12 hours in all; private, no-store pages.
    "core.middleware.SignedInSessionMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "csp.middleware.CSPMiddleware",
    # Records who made each catalog change (django-simple-history).
    "simple_history.middleware.HistoryRequestMiddleware",
    # A rate limit whose counter cannot be reached answers 503 with Retry-After (fails closed).
    "core.middleware.CacheUnavailableMiddleware",
    # Turns django-ratelimit's refusal into our 429 page (RATELIMIT_VIEW).
    "django_ratelimit.middleware.RatelimitMiddleware",
    # Login throttling; keep it last (django-axes).
    "axes.middleware.AxesMiddleware",
    # /api/ and /data/: language, rate limits, ETag/304 (api/middleware.py).
    "api.middleware.ApiMiddleware",
]

ROOT_URLCONF = "config.urls"
# The admin's path (without language prefix), e.g. "manage-7f3a/" to keep it off scanners' lists.
ADMIN_URL = os.environ.get("DJANGO_ADMIN_URL", "admin/").strip("/") + "/"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "OPTIONS": {
            # Compiled templates are kept in memory (runserver's autoreloader clears them when a
            # template changes during development).
            "loaders": [
                (
                    "django.template.loaders.cached.Loader",
                    [
                        "django.template.loaders.filesystem.Loader",
                        "django.template.loaders.app_directories.Loader",
                    ],
                )
            ],
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "core.context_processors.site",
            ],
        },
    },
]

# Database: SQLite file in the repo unless DATABASE_URL says otherwise.
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DJANGO_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Write-ahead log: readers never wait for the writer (view counts, admin saves), and
    # IMMEDIATE transactions take the write lock up front instead of failing half way.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
        "PRAGMA busy_timeout=5000;",
        "transaction_mode": "IMMEDIATE",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache: Redis when REDIS_URL (or CACHE_URL) is set, else this process's memory.
REDIS_URL = os.environ.get("REDIS_URL") or os.environ.get("CACHE_URL") or ""
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "core.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("DJANGO_CACHE_PREFIX", "poscompare"),
            "TIMEOUT": 60 * 60,
            # A dead Redis must cost milliseconds, not seconds: everything in it can be computed
            # again (core.cache fails soft), so wait briefly for it, then compute.
            "OPTIONS": {
                "socket_connect_timeout": float(
                    os.environ.get("DJANGO_CACHE_CONNECT_TIMEOUT", "0.2")
                ),
                "socket_timeout": float(os.environ.get("DJANGO_CACHE_TIMEOUT", "0.2")),
            },
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "poscompare",
            "TIMEOUT": 60 * 60,
        }
    }

# Login throttling (django-axes): the first backend refuses logins for a locked-out username
# from that address; the model backend then checks the password.
AUTHENTICATION_BACKENDS = [
    "core.auth.LoginThrottleBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Lockouts and failed attempts live in the database (not the cache), so login throttling keeps
# working while Redis is down.
# Two-factor sign-in (core.twofactor): the name authenticator apps show for this site.
OTP_TOTP_ISSUER = os.environ.get("DJANGO_OTP_ISSUER", "POS Compare")
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
AXES_FAILURE_LIMIT = int(os.environ.get("DJANGO_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = float(os.environ.get("DJANGO_LOGIN_COOLOFF_MINUTES", "15")) / 60  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "core.auth.lockout_response"
AXES_VERBOSE = False
AXES_CLIENT_STR_CALLABLE = "core.auth.client_str"  # log lines name the username and address

# The client's address (core.clientip): the number of proxies in front of the app servers that
# append to X-Forwarded-For (deploy/nginx.conf is one; a load balancer in front of it makes two).
# 0, the default, means clients connect to the app server itself and the header is ignored. This
# one setting drives the login lockout (axes) and the rate limits.
TRUSTED_PROXY_HOPS = int(os.environ.get("DJANGO_TRUSTED_PROXY_HOPS", "0"))
AXES_CLIENT_IP_CALLABLE = "core.clientip.client_ip"

# Rate limits (django-ratelimit), e.g. on creating share links. Counters live in the default
# cache, so with REDIS_URL every app server counts against the same limit. Without it (one
# development process) the local-memory cache counts per process; several app servers need
# REDIS_URL. Clients are told apart by their address (core.clientip, TRUSTED_PROXY_HOPS).
RATELIMIT_VIEW = "core.views.too_many_requests"
RATELIMIT_IP_META_KEY = "core.clientip.client_ip"
# Share links a client may create (per IP): anonymous visitors, and signed-in sales staff.
SHARE_RATE_ANONYMOUS = os.environ.get("DJANGO_SHARE_RATE", "20/h")
SHARE_RATE_STAFF = os.environ.get("DJANGO_SHARE_RATE_STAFF", "300/h")
# Statement check-ups a client may post to the JSON API (per IP).
STATEMENT_API_RATE = os.environ.get("DJANGO_STATEMENT_API_RATE", "60/h")
# Share-link addresses that do not exist, per client (guessing codes: enumeration).
SHARE_MISS_RATE = os.environ.get("DJANGO_SHARE_MISS_RATE", "30/h")
SILENCED_SYSTEM_CHECKS = [
    # Django's own Redis backend is not on django-ratelimit's list, but its incr() is Redis
    # INCR: atomic and shared, which is all the limiter needs.
    "django_ratelimit.W001",
]
if not REDIS_URL:
    # Local-memory cache: not shared between processes (see above); fine for one process.
    SILENCED_SYSTEM_CHECKS.append("django_ratelimit.E003")

# Audit history (django-simple-history): reasons can be long; history is never "reverted"
# from the admin, because a revert would bypass the correction rules and the edit lock.
SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True
SIMPLE_HISTORY_REVERT_DISABLED = True

# Bulk import/export (django-import-export): every import runs in one transaction.
IMPORT_EXPORT_USE_TRANSACTIONS = True
IMPORT_EXPORT_SKIP_ADMIN_LOG = False
# The uploaded file waits for its confirmation in the database, where every app server finds it
# (core.imports); a confirm sent twice gets a message, not a 500.
IMPORT_EXPORT_TMP_STORAGE_CLASS = "core.imports.DatabaseStorage"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Internationalisation: Chinese at the site root, English under /en/.
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Asia/Shanghai"

# Static files: WhiteNoise serves them; hashed and compressed in production.
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# Security. Production values are the defaults; DEBUG relaxes what needs HTTPS.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
# Signed-in (staff) sessions end after 30 minutes idle and 12 hours in all (ASVS V7.3); anonymous
# sessions (the comparison tray) keep Django's two weeks.
STAFF_SESSION_IDLE_SECONDS = int(os.environ.get("DJANGO_STAFF_IDLE_MINUTES", "30")) * 60
STAFF_SESSION_MAX_SECONDS = int(os.environ.get("DJANGO_STAFF_SESSION_HOURS", "12")) * 3600
CSRF_COOKIE_HTTPONLY = True
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SESSION_COOKIE_NAME = "__Host-sessionid"
    CSRF_COOKIE_NAME = "__Host-csrftoken"
    if env_bool("DJANGO_BEHIND_TLS_PROXY", False):
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Content-Security-Policy (django-csp 4): no inline script or style anywhere, so no nonce is
# needed (and cached pages stay valid for every visitor). Scripts and styles are files from this
# site; templates never use inline event handlers or style attributes.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        # Nothing unless named below (Mozilla Observatory's top score).
        "default-src": ["'none'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "manifest-src": ["'self'"],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "INFO"}, "axes": {"level": "WARNING"}},
}

SITE_NAME = _("POS Compare")

# The API and the open dataset (api/): anonymous rate limits per client address (computations
# stricter than data), how long clients and shared caches may keep a response, and CORS: GET
# open to any origin on /api/ and /data/ only (django-cors-headers).
API_RATE = os.environ.get("DJANGO_API_RATE", "300/m")
API_COMPUTE_RATE = os.environ.get("DJANGO_API_COMPUTE_RATE", "60/m")
API_MAX_AGE = int(os.environ.get("DJANGO_API_MAX_AGE", "300"))
CORS_ALLOW_ALL_ORIGINS = True
CORS_URLS_REGEX = r"^/(api|data)/.*$"
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]
CORS_ALLOW_CREDENTIALS = False
