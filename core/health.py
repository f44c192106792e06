"""Availability: the `/health/` endpoint for load balancers and monitors, and a
503 "Service unavailable" page, instead of a 500, whenever a request fails
because the database cannot be reached."""

import logging
import sys

from django.db import Error as DatabaseError
from django.db import InterfaceError, OperationalError, connection
from django.http import HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.views.decorators.http import require_safe
from django.views.defaults import server_error as default_server_error

logger = logging.getLogger(__name__)

UNREACHABLE = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 30


@require_safe
def health(request):
    """200 when the database answers `SELECT 1`, else 503. No session, cookies,
    caching or details that could help an attacker (QUALITY SEC-16)."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        logger.warning("Health check: the database did not answer", exc_info=True)
        response = JsonResponse(
            {"status": "unavailable", "database": "unavailable"}, status=503
        )
    else:
        response = JsonResponse({"status": "ok", "database": "ok"})
    response["Cache-Control"] = "no-store"
    return response


def service_unavailable() -> HttpResponse:
    # A static template: no request context, so nothing in it can need the
    # database (no site settings, navigation or user).
    response = HttpResponse(render_to_string("503.html"), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


class DatabaseUnavailableMiddleware:
    """Answers 503 when a view fails because the database is unreachable."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, UNREACHABLE):
            return None
        logger.error(
            "Database unreachable while serving %s", request.path, exc_info=exception
        )
        return service_unavailable()


def server_error(request, template_name="500.html"):
    """handler500: the same 503 for database failures raised outside views
    (in middleware), Django's own 500 page for everything else."""
    if isinstance(sys.exc_info()[1], UNREACHABLE):
        return service_unavailable()
    return default_server_error(request, template_name)
