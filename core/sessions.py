"""Staff session lifetime (QUALITY SEC-11).

The idle limit is Django's own, `SESSION_COOKIE_AGE` with
`SESSION_SAVE_EVERY_REQUEST` (each request pushes the expiry on), and is
checked here too: an edit page left open pings Wagtail every 10 seconds by
itself, which would keep an unattended session alive, so a session in which
nobody has asked for anything else for `SESSION_COOKIE_AGE` seconds is ended on
the server. The absolute limit is here as well: a session older than
`SESSION_ABSOLUTE_AGE` seconds since its login is ended, however active.
"""

import logging
import time

from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.urls import Resolver404, resolve

logger = logging.getLogger("engage.security")

LOGIN_AT = "engage_login_at"
ACTIVE_AT = "engage_active_at"
# What an open admin page asks for by itself: not a person at work.
BACKGROUND_VIEWS = {
    "wagtailadmin_editing_sessions:ping",
    "wagtailadmin_editing_sessions:release",
}


@receiver(user_logged_in)
def stamp_login_time(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        request.session[LOGIN_AT] = int(time.time())


class StaffSessionLifetimeMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            self.check(request, int(time.time()))
        return self.get_response(request)

    @staticmethod
    def check(request, now):
        session = request.session
        started = session.setdefault(LOGIN_AT, now)
        idle_since = session.get(ACTIVE_AT, now)
        if now - started > settings.SESSION_ABSOLUTE_AGE:
            logger.info("Ended a staff session older than its absolute lifetime")
            logout(request)
        elif now - idle_since > settings.SESSION_COOKIE_AGE:
            logger.info("Ended a staff session left idle with a page open")
            logout(request)
        elif not in_background(request):
            session[ACTIVE_AT] = now


def in_background(request) -> bool:
    try:
        return resolve(request.path_info).view_name in BACKGROUND_VIEWS
    except Resolver404:
        return False
