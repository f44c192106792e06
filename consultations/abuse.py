"""Defences against automated responses without a CAPTCHA (QUALITY SEC-13,
ACC-08): a hidden honeypot field, a minimum time to fill the form in, and a
per-client rate limit. Nothing here stores an IP address: the rate limit keys
a short-lived cache entry on a keyed hash of it."""

import logging
import time

from django.conf import settings
from django.core import signing
from django.utils.crypto import salted_hmac

from core.content_generation import CACHE_ERRORS
from core.throttling import client_address, count_in_window

logger = logging.getLogger(__name__)

_SALT = "consultations.form-started"


def start_stamp() -> str:
    """A tamper-proof record of when the form was served."""
    return signing.Signer(salt=_SALT).sign(f"{time.time():.3f}")


def filled_too_fast(stamp: str | None) -> bool:
    try:
        started = float(signing.Signer(salt=_SALT).unsign(stamp or ""))
    except (signing.BadSignature, ValueError):
        return True
    return time.time() - started < settings.CONSULTATION_MIN_FILL_SECONDS


def honeypot_filled(value: str | None) -> bool:
    return bool(value and value.strip())


def client_key(request) -> str:
    address = client_address(request)
    return "consultation-rate:" + salted_hmac(_SALT, address).hexdigest()


def within_rate_limit(request) -> bool:
    """Count this submission against the client's allowance; False once the
    allowance for the current window is spent."""
    try:
        count = count_in_window(client_key(request), settings.CONSULTATION_RATE_WINDOW)
    except CACHE_ERRORS:
        # No cache, no count: better a form without its limit for a while
        # than a resident's answers lost to an error page.
        logger.warning("Response rate limit unavailable", exc_info=True)
        return True
    return count <= settings.CONSULTATION_RATE_LIMIT
