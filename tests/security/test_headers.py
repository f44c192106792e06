"""Security headers (QUALITY SEC-02..SEC-05): a strict Content Security Policy
on public pages, a relaxed one enforced on the admin with the strict one
reported there, and the browser hardening headers on every response."""

import pytest
from django.urls import reverse

from tests.test_settings import PRODUCTION_ENV, manage

pytestmark = pytest.mark.django_db


def directives(header: str) -> dict[str, list[str]]:
    parsed = {}
    for part in header.split(";"):
        name, *values = part.split()
        parsed[name] = values
    return parsed


@pytest.mark.parametrize("path", ["/", "/no-such-page/"])
def test_public_responses_carry_the_strict_policy(client, home_page, path):
    response = client.get(path)
    policy = directives(response["Content-Security-Policy"])
    assert policy == {
        "default-src": ["'self'"],
        # Our own files, and GOV.UK Frontend's one line by its hash (base.html).
        "script-src": [
            "'self'",
            "'sha256-GUQ5ad8JK5KmEWmROf3LZd9ge94daqNvd8xy9YS1iDw='",
        ],
        "img-src": ["'self'", "data:"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    }
    # No other inline script: default-src 'self' governs styles.
    assert "Content-Security-Policy-Report-Only" not in response


def test_admin_enforces_a_relaxed_policy_and_reports_the_strict_one(client):
    response = client.get(reverse("wagtailadmin_login"))
    enforced = directives(response["Content-Security-Policy"])
    assert enforced["script-src"] == ["'self'", "'unsafe-inline'"]
    assert enforced["object-src"] == ["'none'"]
    assert enforced["frame-ancestors"] == ["'self'"]
    reported = directives(response["Content-Security-Policy-Report-Only"])
    assert reported["default-src"] == ["'self'"]
    assert reported["script-src"] == [
        "'self'",
        "'sha256-GUQ5ad8JK5KmEWmROf3LZd9ge94daqNvd8xy9YS1iDw='",
    ]
    assert reported["base-uri"] == ["'none'"]


@pytest.mark.parametrize("path", ["/", "/admin/login/"])
def test_hardening_headers(client, home_page, path):
    response = client.get(path)
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"


# Production settings cannot render pages here (no collected static files), so
# the production middleware runs round a view that sets both cookies.
PRODUCTION_RESPONSE = """
from django.http import HttpResponse
from django.middleware.csrf import CsrfViewMiddleware, get_token
from django.middleware.security import SecurityMiddleware
from django.contrib.sessions.middleware import SessionMiddleware
from django.test import RequestFactory
from django.conf import settings

# Signed-cookie sessions: no database is needed to see the cookie's flags.
settings.SESSION_ENGINE = "django.contrib.sessions.backends.signed_cookies"

def view(request):
    get_token(request)
    request.session["seen"] = True
    return HttpResponse("ok")

request = RequestFactory().get(
    "/", secure=True, HTTP_HOST="consult.example-council.gov.uk"
)
response = SecurityMiddleware(SessionMiddleware(CsrfViewMiddleware(view)))(request)
print(response["Strict-Transport-Security"])
for name in ("sessionid", "csrftoken"):
    cookie = response.cookies[name]
    print(name, bool(cookie["secure"]), bool(cookie["httponly"]), cookie["samesite"])
"""


def test_production_sends_hsts_and_secure_cookies_over_https():
    result = manage("shell", "-v", "0", "-c", PRODUCTION_RESPONSE, env=PRODUCTION_ENV)
    hsts, session, csrf = result.stdout.strip().splitlines()[-3:]
    parts = [p.strip() for p in hsts.split(";")]
    assert int(parts[0].removeprefix("max-age=")) >= 31_536_000
    assert "includeSubDomains" in parts
    assert session.split() == ["sessionid", "True", "True", "Lax"], result.stderr
    # The CSRF cookie stays readable by scripts, as Django's docs allow.
    assert csrf.split() == ["csrftoken", "True", "False", "Lax"], result.stderr
