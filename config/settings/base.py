"""Settings shared by every environment.

Safe by default: production takes these as they are and only adds what must
come from its environment; development and tests relax them explicitly.
Every variable read here is documented in README.md and .env.example.
"""

import math
from pathlib import Path
from urllib.parse import urlsplit

import environ
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()

SECRET_KEY = env.str("SECRET_KEY")
DEBUG = False
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=[])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "core",
    "home",
    "consultations",
    "committees",
    "stories",
    "places",
    "search",
    "wagtail.contrib.forms",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.redirects",
    "wagtail.contrib.search_promotions",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "wagtail_modeladmin",
    "wagtail.api.v2",
    "rest_framework",
    "csp",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "modelcluster",
    "taggit",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # A 503 page when the database is unreachable; then anonymous pages from
    # the cache before any session, auth or page-routing work (core.page_cache).
    "core.health.DatabaseUnavailableMiddleware",
    "core.content_generation.GenerationMiddleware",
    "core.page_cache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "core.routing.SiteMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "core.sessions.StaffSessionLifetimeMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "core.two_factor.middleware.RequireSecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "core.csp.PerPathCSPMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "core.chrome.context",
            ],
        },
    },
]

DATABASES = {
    "default": env.db_url_config(
        env.str("DATABASE_URL", default="") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}"
    )
}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    _options = DATABASES["default"].setdefault("OPTIONS", {})
    # A statement run five times on a connection is prepared, so PostgreSQL
    # stops planning it anew: the registers' joins took 3 ms to plan and
    # 1 ms to run. Turn off behind a pooler that cannot keep them (PgBouncer
    # in transaction mode without max_prepared_statements).
    if env.bool("DATABASE_PREPARED_STATEMENTS", default=True):
        _options.setdefault("server_side_binding", True)
        _options.setdefault("prepare_threshold", 5)
    # The site's database fits in memory, where a page read out of order
    # costs little more than one read in order; at PostgreSQL's default of 4
    # the planner hashed every page for each search rather than look up the
    # few that matched. Empty leaves the server's own setting.
    # Behind PgBouncer, which refuses settings in the startup packet, leave
    # it empty and set it on the database (ALTER DATABASE ... SET) instead.
    _random_page_cost = env.str("DATABASE_RANDOM_PAGE_COST", default="1.1").strip()
    if _random_page_cost:
        try:
            _cost = float(_random_page_cost)
        except ValueError:
            _cost = math.nan
        if not (math.isfinite(_cost) and _cost > 0):
            raise ImproperlyConfigured(
                "DATABASE_RANDOM_PAGE_COST must be a positive number, or empty "
                "to leave the database server's own setting."
            )
        _options["options"] = " ".join(
            filter(None, [_options.get("options"), f"-c random_page_cost={_cost}"])
        )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {"default": env.cache("CACHE_URL", default="locmemcache://engage")}
if CACHES["default"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache":
    # A Redis that is away must not take the site with it (core.cache).
    CACHES["default"]["BACKEND"] = "core.cache.FailSafeRedisCache"
    # redis-py waits for ever by default: a Redis that stops answering would
    # hang every request. Each call gives up after half a second instead, and
    # the site goes on without the cache. CACHE_URL's query string can say
    # otherwise (?socket_timeout=2).
    _redis_options = CACHES["default"].setdefault("OPTIONS", {})
    _redis_options.setdefault("socket_connect_timeout", 0.5)
    _redis_options.setdefault("socket_timeout", 0.5)
# Anonymous page responses kept in CACHES["default"] (core.page_cache); purged
# on publish. 0 turns the page cache off.
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=300)
PAGE_CACHE_QUERY_PARAMS = ["page"]
# The header and footer settings and the menu (core.chrome), purged likewise.
CHROME_CACHE_SECONDS = env.int("CHROME_CACHE_SECONDS", default=3600)
# Totals of the long registers, kept for the content generation
# (core.pagination.MemoisedCountPaginator).
COUNT_CACHE_SECONDS = env.int("COUNT_CACHE_SECONDS", default=3600)

AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"
    },
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
# Editors enter opening and closing times, meeting times and the dates
# responses were received in UK time, as the admin's panels say: no
# per-user choice of another zone (Wagtail hides the field with one zone).
WAGTAIL_USER_TIME_ZONES = [TIME_ZONE]
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
# Compiled by `npm run build` (GOV.UK Frontend with our own settings).
STATICFILES_DIRS = [BASE_DIR / "static_build"]
MEDIA_URL = env.str("MEDIA_URL", default="/media/")
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")

STORAGES = {
    "default": {
        "BACKEND": env.str(
            "MEDIA_STORAGE_BACKEND",
            default="django.core.files.storage.FileSystemStorage",
        )
    },
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# Uploads (QUALITY SEC-14): an allow-list of document types and a size cap.
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "xlsx", "odt", "ods", "csv", "txt", "rtf"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = env.int("MAX_DOCUMENT_SIZE", default=20 * 1024 * 1024)
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_BLOCK_EMBEDDED_CONTENT = True
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440

WAGTAIL_SITE_NAME = env.str("SITE_NAME", default="Engage")
WAGTAILADMIN_BASE_URL = env.str(
    "WAGTAILADMIN_BASE_URL", default="http://127.0.0.1:8000"
)
# The text search configuration is named rather than left to the database's
# default_text_search_config: a named one lets PostgreSQL parse each query once
# rather than per row, and a server with another default would stem differently.
# Changing it needs `manage.py update_index` to rebuild the index.
WAGTAILSEARCH_BACKENDS = {
    "default": {
        "BACKEND": "wagtail.search.backends.database",
        "SEARCH_CONFIG": "english",
    }
}
WAGTAIL_I18N_ENABLED = False
WAGTAILFORMS_HELP_TEXT_ALLOW_HTML = False
WAGTAIL_ENABLE_UPDATE_CHECK = False

# Resident response forms (QUALITY SEC-13): no CAPTCHA; a minimum time to fill
# the form in, and a per-client allowance. With several app servers, set
# CACHE_URL to a shared cache so the allowance is counted once.
CONSULTATION_MIN_FILL_SECONDS = env.int("CONSULTATION_MIN_FILL_SECONDS", default=3)
CONSULTATION_RATE_LIMIT = env.int("CONSULTATION_RATE_LIMIT", default=10)
CONSULTATION_RATE_WINDOW = env.int("CONSULTATION_RATE_WINDOW", default=600)
# How many proxies in front of the app servers append to X-Forwarded-For (a
# load balancer is one): the throttles then count the client's address, not
# the load balancer's (core.throttling).
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)

# `make bench` only: serves core.benchmarking's bare 20 KB page at /bench/bare/
# as the ceiling for this machine. Never set it in production.
ENGAGE_BENCH_VIEW = env.bool("ENGAGE_BENCH_VIEW", default=False)

EMAIL_BACKEND = env.str(
    "EMAIL_BACKEND", default="django.core.mail.backends.smtp.EmailBackend"
)
EMAIL_HOST = env.str("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
# Seconds before a slow mail server is given up on: emails are sent within
# requests (receipts, staff security notices) and must not hold a worker.
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=10)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="engage@localhost")

# Cookies and headers (QUALITY SEC-04, SEC-05); production adds HTTPS-only rules.
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Staff sessions (SEC-11): end after 30 idle minutes (every request pushes the
# expiry on) and 10 hours after login however active (core.sessions).
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=30 * 60)
SESSION_SAVE_EVERY_REQUEST = True
SESSION_ABSOLUTE_AGE = env.int("SESSION_ABSOLUTE_AGE", default=10 * 60 * 60)
# A second factor for every staff sign-in (QUALITY SEC-10, core.two_factor):
# an authenticator app, or a single-use recovery code. `check --deploy` warns
# when it is off.
ENGAGE_REQUIRE_TWO_FACTOR = env.bool("REQUIRE_TWO_FACTOR", default=True)
# The name authenticator apps show beside the code.
OTP_TOTP_ISSUER = WAGTAIL_SITE_NAME
# New accounts have no password until their holder sets one from an emailed
# link (core.wagtail_hooks.invite_new_member_of_staff): nobody else ever
# knows it, and the first sign-in, which sets up the authenticator app, is
# theirs.
WAGTAILUSERS_PASSWORD_ENABLED = False

# Admin login throttling (SEC-09, core.login_throttle): 7 failures for one
# username, or 50 from one address, within 15 minutes lock it out for 5, 10,
# 60, 360, then 1,440 minutes. Counted in CACHES["default"]: with several app
# servers, set CACHE_URL to a shared cache.
WAGTAILADMIN_USER_LOGIN_FORM = "core.login_throttle.ThrottledLoginForm"
LOGIN_THROTTLE = {
    "USERNAME_LIMIT": 7,
    "ADDRESS_LIMIT": 50,
    "WINDOW": 15 * 60,
    "BACKOFF_MINUTES": [5, 10, 60, 360, 1440],
}
# Staff avatars from our own server only: nothing is fetched from Gravatar.
WAGTAIL_GRAVATAR_PROVIDER_URL = None

# Content Security Policy (SEC-03, django-csp; core.csp applies it per path).
# Public pages: our own files only, no inline script or style.
# GOV.UK Frontend's one inline script (as in its page template), allowed by
# its hash: it marks the body as supported before the first paint, so the
# styles GOV.UK keys to that class apply from the start rather than when the
# deferred module script runs.
GOVUK_FRONTEND_SUPPORTED_SCRIPT_HASH = (
    "'sha256-GUQ5ad8JK5KmEWmROf3LZd9ge94daqNvd8xy9YS1iDw='"
)
# Images come from MEDIA_URL: from another origin (an S3 bucket's address),
# that origin is allowed too.
_media = urlsplit(MEDIA_URL)
MEDIA_ORIGINS = [f"{_media.scheme}://{_media.netloc}"] if _media.netloc else []
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'", GOVUK_FRONTEND_SUPPORTED_SCRIPT_HASH],
        "img-src": ["'self'", "data:", *MEDIA_ORIGINS],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    }
}
# The Wagtail admin (and page previews under it) runs inline scripts and
# styles: enforced relaxed, with the public policy sent there as report-only.
ENGAGE_ADMIN_CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'", "'unsafe-inline'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:", *MEDIA_ORIGINS],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "frame-ancestors": ["'self'"],
        "form-action": ["'self'"],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {
            "()": "core.log_format.UTCFormatter",
            "format": "%(asctime)s %(levelname)s %(name)s %(message)s",
        }
    },
    "handlers": {"stdout": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["stdout"], "level": env.str("LOG_LEVEL", default="INFO")},
    # One line per background task is noise at INFO.
    "loggers": {"django_tasks": {"level": "WARNING"}},
}
