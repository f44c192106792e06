"""Security notices to members of staff: a lock-out, a new authenticator,
new recovery codes, a recovery code used. So that a person learns at once
when someone else is acting on their account. And the one-time links that
let a new member of staff, or one whose second factor was reset, set their
own password: proof that they read their email before they set up an app.

Best effort: a notice is sent within the request, and a failing or slow mail
server (`EMAIL_TIMEOUT`) is logged, never turned into an error page."""

import logging

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from core.formatting import govuk_datetime

logger = logging.getLogger("engage.security")


def password_link(user) -> str:
    """A one-time link to set a new password, as Wagtail's own reset sends
    (valid for PASSWORD_RESET_TIMEOUT, and spent once the password changes)."""
    path = reverse(
        "wagtailadmin_password_reset_confirm",
        args=(
            urlsafe_base64_encode(force_bytes(user.pk)),
            default_token_generator.make_token(user),
        ),
    )
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def tell_staff(user, subject: str, template: str, **context) -> bool:
    if not user.is_active or not user.email:
        return False
    try:
        context.update(
            site_name=settings.WAGTAIL_SITE_NAME,
            when=govuk_datetime(timezone.now()),
            sign_in_url=settings.WAGTAILADMIN_BASE_URL.rstrip("/")
            + reverse("wagtailadmin_login"),
            two_factor=settings.ENGAGE_REQUIRE_TWO_FACTOR,
        )
        send_mail(
            subject=f"{settings.WAGTAIL_SITE_NAME}: {subject}",
            message=render_to_string(template, context),
            from_email=settings.DEFAULT_FROM_EMAIL,
            recipient_list=[user.email],
        )
    except Exception as error:
        # The kind of failure only, no traceback: a mail server names the
        # address it refused, and logs are not kept to the privacy notice.
        logger.error(
            "Security notice %r to user %s failed: %s",
            template,
            user.pk,
            type(error).__name__,
        )
        return False
    return True
