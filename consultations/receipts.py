"""Email to residents at the address they gave with their response: its
receipt here, and the outcome notice (outcome_notices) through the same
email_resident(), which never lets a mail server's failure cost anything."""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string

from core.formatting import govuk_datetime

logger = logging.getLogger(__name__)


def send_receipt(response) -> bool:
    """Email a resident their reference. A failing mail server must never
    cost a response (QUALITY OPS-02): the response is already stored, so a
    failure is logged for staff and the resident still sees their reference."""
    page = response.page.specific
    context = {
        "consultation": page,
        "reference": response.reference,
        "closes": govuk_datetime(page.closes_at),
        "notify": response.outcome_notice_wanted,
        "progress": response.progress_notices_wanted,
    }
    failure = email_resident(
        response,
        "Receipt email",
        subject=f"Your response to {page.title}: {response.reference}",
        message=render_to_string("consultations/email/receipt.txt", context),
    )
    return failure is None


def email_resident(response, what: str, subject: str, message: str):
    """Send `message` to the response's receipt address. None once the mail
    server took it; otherwise the error, logged as `what` failed."""
    try:
        send_mail(
            subject=subject,
            message=message,
            from_email=settings.DEFAULT_FROM_EMAIL,
            recipient_list=[response.receipt_email],
        )
    except Exception as error:
        # The kind of failure only: a mail server names the address it
        # refused, and logs are not kept to the privacy notice's terms.
        logger.error(
            "%s for response %s failed: %s",
            what,
            response.reference,
            type(error).__name__,
        )
        return error
    return None
