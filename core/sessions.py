"""Staff session lifetime (QUALITY SEC-11).

The idle limit is Django's own: `SESSION_COOKIE_AGE` with
`SESSION_SAVE_EVERY_REQUEST`, so each request pushes the expiry on. The
absolute limit is here: a session older than `SESSION_ABSOLUTE_AGE` seconds
since its login is ended on the server, however active it has been.
"""

import logging
import time

from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

logger = logging.getLogger("engage.security")

LOGIN_AT = "engage_login_at"


@receiver(user_logged_in)
def stamp_login_time(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        request.session[LOGIN_AT] = int(time.time())


class AbsoluteSessionLifetimeMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            started = request.session.get(LOGIN_AT)
            now = int(time.time())
            if started is None:
                request.session[LOGIN_AT] = now
            elif now - started > settings.SESSION_ABSOLUTE_AGE:
                logger.info("Ended a staff session older than its absolute lifetime")
                logout(request)
        return self.get_response(request)
