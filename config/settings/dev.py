"""Local development: reads .env (written by `make run`), shows errors."""

import os
import secrets
from pathlib import Path

import environ

environ.Env.read_env(Path(__file__).resolve().parent.parent.parent / ".env")
# Before the first `make run` there is no .env, yet a newcomer's first
# `manage.py check` or `makemigrations --check` should work: development makes
# a throwaway key for this run (passed on to runserver's reloader through the
# environment). Production never does: it refuses to start without one.
if not os.environ.get("SECRET_KEY"):
    os.environ["SECRET_KEY"] = "dev-only-" + secrets.token_urlsafe(50)

from .base import *  # noqa: E402, F403
from .base import STORAGES  # noqa: E402

DEBUG = True
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
