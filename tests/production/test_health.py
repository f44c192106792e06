"""/health/ for load balancers, and a 503 page instead of a 500 when the
database cannot be reached."""

import pytest
from django.db import InterfaceError, OperationalError
from wagtail.models import Site

from core import health

pytestmark = pytest.mark.django_db


def test_health_is_ok_when_the_database_answers(client):
    response = client.get("/health/")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}
    assert response["Cache-Control"] == "no-store"
    assert not response.cookies


def test_health_is_503_when_the_database_is_down(client, monkeypatch):
    def refuse():
        raise OperationalError("connection refused to db.internal:5432")

    monkeypatch.setattr(health.connection, "cursor", refuse)
    response = client.get("/health/")
    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "database": "unavailable"}
    assert response["Cache-Control"] == "no-store"
    assert b"db.internal" not in response.content


def test_health_answers_only_get_and_head(client):
    assert client.head("/health/").status_code == 200
    assert client.post("/health/").status_code == 405


@pytest.mark.parametrize("error", [OperationalError, InterfaceError])
def test_a_page_answers_503_in_the_site_design_when_the_database_is_down(
    client, home_page, monkeypatch, error
):
    def unreachable(request):
        raise error("server closed the connection unexpectedly")

    monkeypatch.setattr(Site, "find_for_request", staticmethod(unreachable))
    response = client.get("/")
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert response["Cache-Control"] == "no-store"
    page = response.content.decode()
    assert "Sorry, the service is unavailable" in page
    assert "css/engage" in page
    assert "Traceback" not in page
    assert "server closed" not in page


def test_other_errors_still_answer_500(client, home_page, monkeypatch):
    def broken(request):
        raise ValueError("a bug")

    monkeypatch.setattr(Site, "find_for_request", staticmethod(broken))
    client.raise_request_exception = False
    assert client.get("/").status_code == 500


def test_database_errors_outside_views_answer_503(rf):
    request = rf.get("/")
    try:
        raise OperationalError("gone")
    except OperationalError:
        response = health.server_error(request)
    assert response.status_code == 503
    try:
        raise ValueError("a bug")
    except ValueError:
        response = health.server_error(request)
    assert response.status_code == 500
