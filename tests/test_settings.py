"""Configuration guard rails: production refuses to start half-configured and
passes Django's deployment checklist; the schema matches the models."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection
from wagtail.models import Page

ROOT = Path(__file__).resolve().parent.parent
PRODUCTION_ENV = {
    "SECRET_KEY": "x" * 60 + "-production-like-secret-for-checks",
    "ALLOWED_HOSTS": "consult.example-council.gov.uk",
    "DATABASE_URL": "postgres://engage:password@127.0.0.1:5432/engage",
}


def manage(*args, env):
    # The browser tests' DJANGO_ALLOW_ASYNC_UNSAFE has no place in production.
    ignored = {
        *PRODUCTION_ENV,
        "DJANGO_ALLOW_ASYNC_UNSAFE",
        "DATABASE_PREPARED_STATEMENTS",
        "DATABASE_RANDOM_PAGE_COST",
    }
    clean = {k: v for k, v in os.environ.items() if k not in ignored}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, "DJANGO_SETTINGS_MODULE": "config.settings.production", **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.mark.parametrize("missing", sorted(PRODUCTION_ENV))
def test_production_refuses_to_start_without_required_variable(missing):
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != missing}
    result = manage("check", env=env)
    assert result.returncode != 0
    assert missing in result.stderr


# What a real deployment sets besides the required variables: the checklist
# warns without them.
DEPLOYED_ENV = {
    **PRODUCTION_ENV,
    "TRUSTED_PROXY_COUNT": "1",
    "WAGTAILADMIN_BASE_URL": "https://consult.example-council.gov.uk",
}


def test_production_passes_the_deployment_checklist():
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=DEPLOYED_ENV)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(
    "variable, value, warning",
    [
        ("TRUSTED_PROXY_COUNT", "0", "engage.W002"),
        ("WAGTAILADMIN_BASE_URL", "http://localhost:8000", "engage.W003"),
    ],
)
def test_the_checklist_warns_of_a_default_unfit_for_servers(variable, value, warning):
    result = manage("check", "--deploy", env={**DEPLOYED_ENV, variable: value})
    assert warning in result.stdout + result.stderr


def test_production_is_secure_by_default():
    code = (
        "from django.conf import settings as s;"
        "print(s.DEBUG, s.SECURE_HSTS_SECONDS >= 31536000, s.SESSION_COOKIE_SECURE,"
        " s.CSRF_COOKIE_SECURE, s.SECURE_SSL_REDIRECT, s.TIME_ZONE, s.LANGUAGE_CODE)"
    )
    result = manage("shell", "-v", "0", "-c", code, env=PRODUCTION_ENV)
    assert result.stdout.split() == [
        "False",
        "True",
        "True",
        "True",
        "True",
        "Europe/London",
        "en-gb",
    ], result.stderr


def test_a_redis_cache_is_fail_safe_and_gives_up_on_a_silent_server():
    code = "from django.conf import settings as s; print(s.CACHES['default'])"
    env = {**PRODUCTION_ENV, "CACHE_URL": "redis://cache.internal:6379/1"}
    result = manage("shell", "-v", "0", "-c", code, env=env)
    assert "core.cache.FailSafeRedisCache" in result.stdout, result.stderr
    assert "'socket_connect_timeout': 0.5" in result.stdout
    assert "'socket_timeout': 0.5" in result.stdout
    env["CACHE_URL"] += "?socket_timeout=2"
    result = manage("shell", "-v", "0", "-c", code, env=env)
    assert "'socket_timeout': 2" in result.stdout, result.stderr


def test_images_from_a_bucket_are_allowed_by_the_content_security_policy():
    code = (
        "from django.conf import settings as s;"
        "print(s.CONTENT_SECURITY_POLICY['DIRECTIVES']['img-src'])"
    )
    on_site = manage("shell", "-v", "0", "-c", code, env=PRODUCTION_ENV)
    assert on_site.stdout.strip() == "[\"'self'\", 'data:']", on_site.stderr
    bucket = {**PRODUCTION_ENV, "MEDIA_URL": "https://media.example.net/engage/"}
    elsewhere = manage("shell", "-v", "0", "-c", code, env=bucket)
    assert "'https://media.example.net'" in elsewhere.stdout, elsewhere.stderr


def test_system_checks_pass():
    call_command("check", fail_level="WARNING")


@pytest.mark.django_db
def test_models_and_migrations_agree():
    call_command("makemigrations", check=True, dry_run=True, verbosity=0)


def database_options(**env):
    code = "from django.conf import settings; print(settings.DATABASES['default'].get('OPTIONS'))"
    result = manage("shell", "-v", "0", "-c", code, env={**PRODUCTION_ENV, **env})
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_postgresql_options_come_from_the_environment():
    assert database_options() == (
        "{'server_side_binding': True, 'prepare_threshold': 5, "
        "'options': '-c random_page_cost=1.1'}"
    )
    assert database_options(DATABASE_RANDOM_PAGE_COST="2") == (
        "{'server_side_binding': True, 'prepare_threshold': 5, "
        "'options': '-c random_page_cost=2.0'}"
    )
    assert (
        database_options(
            DATABASE_PREPARED_STATEMENTS="false", DATABASE_RANDOM_PAGE_COST=""
        )
        == "{}"
    )


@pytest.mark.django_db
def test_postgresql_prepares_repeated_statements_and_prices_reads_from_memory():
    with connection.cursor() as cursor:
        cursor.execute("SHOW random_page_cost")
        assert cursor.fetchone() == ("1.1",)
        cursor.execute("SELECT count(*) FROM pg_prepared_statements")
        before = cursor.fetchone()[0]
        for pk in range(6):
            Page.objects.filter(pk=pk).exists()
        cursor.execute("SELECT count(*) FROM pg_prepared_statements")
        assert cursor.fetchone()[0] == before + 1


@pytest.mark.parametrize("cost", ["fast", "1,1", "0", "-2", "nan", "inf"])
def test_a_bad_random_page_cost_is_named_at_start_up(cost):
    result = manage("check", env={**PRODUCTION_ENV, "DATABASE_RANDOM_PAGE_COST": cost})
    assert result.returncode != 0
    assert "DATABASE_RANDOM_PAGE_COST must be a positive number" in result.stderr


def test_development_commands_work_before_the_first_make_run(tmp_path):
    """A fresh clone has no .env until `make run` writes one: `manage.py`'s
    own commands must still run (a throwaway key for development only)."""
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in ("SECRET_KEY", "DJANGO_SETTINGS_MODULE", "DATABASE_URL")
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "makemigrations", "--check", "--dry-run"],
        cwd=ROOT,
        env={**clean, "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}"},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No changes detected" in result.stdout
