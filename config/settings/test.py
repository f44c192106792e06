"""Tests: PostgreSQL when DATABASE_URL is set (make test starts one), a fast
password hasher, local-memory cache and email, plain static storage."""

import os
import tempfile

os.environ.setdefault("SECRET_KEY", "tests-only-not-a-secret")

from .base import *  # noqa: F403
from .base import STORAGES, WAGTAILSEARCH_BACKENDS

ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WAGTAILADMIN_BASE_URL = "http://testserver"
# Uploads the tests make (the demo's agenda pack, among others) land outside
# the checkout.
# Each pytest-xdist process has its own.
MEDIA_ROOT = os.path.join(
    tempfile.gettempdir(),
    "engage-test-media" + os.environ.get("PYTEST_XDIST_WORKER", ""),
)
# Wagtail's database search backend rewrites a column across the whole index on
# every page save, which makes tests that build hundreds of pages quadratic on
# PostgreSQL. Tests of search switch it back on where they need it.
WAGTAILSEARCH_BACKENDS = {
    "default": {**WAGTAILSEARCH_BACKENDS["default"], "AUTO_UPDATE": False}
}
# Tests of the page cache (tests/production) switch it on where they need it.
PAGE_CACHE_SECONDS = 0
