"""Admin login brute-force protection (QUALITY SEC-09).

Failed logins are counted in Django's cache per username and, separately and
more generously, per client address. Reaching either limit within the window
locks that username (or address) out for a back-off period that grows with
each lock-out in a day (5, 10, 60, 360, then 1,440 minutes, as Citizen Space
does). While locked, every attempt is refused, the right password included,
with one message that is the same whether or not the account exists. When a
username is locked, the account holder (if there is one, with an email
address) is emailed, so they learn someone is guessing their password; the
page shows nothing of it. A successful login clears the username's count.
Refused attempts are logged.

Wagtail uses the form through `WAGTAILADMIN_USER_LOGIN_FORM`.
"""

import logging

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.utils.crypto import salted_hmac
from wagtail.admin.forms.auth import LoginForm

from core.content_generation import CACHE_ERRORS
from core.staff_mail import tell_staff
from core.throttling import client_address, count_in_window
from core.two_factor.devices import confirmed_app

logger = logging.getLogger("engage.security")

_SALT = "engage.login-throttle"
LOCKOUT_MEMORY = 24 * 60 * 60
REFUSED_MESSAGE = (
    "Too many failed attempts to sign in. Wait a few minutes, then try again."
)


def _key(kind: str, scope: str, value: str) -> str:
    return f"login-{kind}:{scope}:" + salted_hmac(_SALT, value).hexdigest()


def pseudonym(username: str) -> str:
    """A username as the logs give it: the same each time, so attempts on one
    account can be followed, without the name itself."""
    return "user-" + salted_hmac(_SALT + ".log", username).hexdigest()[:12]


def _targets(request, username: str) -> list[tuple[str, str, int]]:
    limits = settings.LOGIN_THROTTLE
    targets = [("user", username.strip().casefold(), limits["USERNAME_LIMIT"])]
    address = client_address(request) if request else ""
    if address:
        targets.append(("address", address, limits["ADDRESS_LIMIT"]))
    return targets


def is_locked(request, username: str) -> bool:
    return any(
        cache.get(_key("lock", scope, value))
        for scope, value, _ in _targets(request, username)
    )


def record_failure(request, username: str) -> None:
    limits = settings.LOGIN_THROTTLE
    for scope, value, limit in _targets(request, username):
        failures = _key("failures", scope, value)
        count = count_in_window(failures, limits["WINDOW"])
        if count < limit:
            if scope == "user":
                logger.info(
                    "Failed admin login (%s of %s before a lock-out) for %s from %s",
                    count,
                    limit,
                    pseudonym(value),
                    (client_address(request) if request else "") or "unknown address",
                )
            continue
        lockouts = _key("lockouts", scope, value)
        previous = cache.get(lockouts, 0)
        backoff = limits["BACKOFF_MINUTES"]
        minutes = backoff[min(previous, len(backoff) - 1)]
        cache.set(_key("lock", scope, value), True, timeout=minutes * 60)
        cache.set(lockouts, previous + 1, timeout=LOCKOUT_MEMORY)
        cache.delete(failures)
        logger.warning(
            "Admin login locked for %s minutes after %s failures (%s)",
            minutes,
            count,
            scope,
        )
        if scope == "user":
            tell_account_holder(username, minutes)


def tell_account_holder(username: str, minutes: int) -> None:
    """Email the person whose username was locked, if there is one."""
    User = get_user_model()
    lookup = {f"{User.USERNAME_FIELD}__iexact": username.strip()}
    try:
        holder = User._default_manager.filter(**lookup).first()
        has_app = holder is not None and confirmed_app(holder) is not None
    except Exception:
        logger.exception("Looking up a locked username failed")
        return
    if holder is not None:
        tell_staff(
            holder,
            "sign-in locked after failed attempts",
            "core/email/login_locked.txt",
            minutes=minutes,
            has_app=has_app,
        )


def record_success(request, username: str) -> None:
    scope, value, _ = _targets(request, username)[0]
    cache.delete_many([_key(kind, scope, value) for kind in ("failures", "lockouts")])


UNAVAILABLE_MESSAGE = (
    "Signing in is not possible at the moment. Try again in a few minutes."
)


class ThrottledLoginForm(LoginForm):
    error_messages = {
        **LoginForm.error_messages,
        "throttled": REFUSED_MESSAGE,
        "unavailable": UNAVAILABLE_MESSAGE,
    }

    def clean(self):
        username = self.cleaned_data.get("username") or ""
        try:
            locked = bool(username) and is_locked(self.request, username)
        except CACHE_ERRORS as error:
            raise self._unavailable() from error
        if locked:
            logger.warning(
                "Refused admin login attempt while locked out from %s",
                client_address(self.request) or "unknown address",
            )
            raise forms.ValidationError(
                self.error_messages["throttled"], code="throttled"
            )
        try:
            cleaned = super().clean()
        except forms.ValidationError:
            if username:
                try:
                    record_failure(self.request, username)
                except CACHE_ERRORS as error:
                    # A cache that reads but will not write (full, or a
                    # replica): uncounted guesses would be unlimited.
                    raise self._unavailable() from error
            raise
        if username:
            try:
                record_success(self.request, username)
            except CACHE_ERRORS:
                # The password was right: a count left to expire harms none.
                logger.warning("Could not clear a login count", exc_info=True)
        return cleaned

    def _unavailable(self):
        """Without the cache attempts cannot be counted: no password is tried
        uncounted, and the page says so rather than failing."""
        logger.error(
            "Admin sign-in refused: the login throttle's cache is away", exc_info=True
        )
        return forms.ValidationError(
            self.error_messages["unavailable"], code="unavailable"
        )
