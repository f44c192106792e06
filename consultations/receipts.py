"""Email to residents at the address they gave with their response: its
receipt here, and the notices they asked for (outcome_notices,
progress_notices) through the same email_resident(), which never lets a mail
server's failure cost anything, and send_each(), which sends what is owed."""

import logging
import smtplib

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string

from core.formatting import govuk_datetime

logger = logging.getLogger(__name__)

# An address the mail server refuses is tried this many times, then given up.
MAX_ATTEMPTS = 5
# A run stops after this many failures in a row: the server is away.
FAILURES_IN_A_ROW = 3
# What deliver() returns for a notice it chose not to send.
SKIPPED = object()


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


def send_each(owed, deliver, count_refusal) -> tuple[int, int]:
    """(sent, failed): each row of `owed` (a queryset of what is still owed,
    in the order to try) handed to `deliver`, which sends and marks it and
    returns None, returns SKIPPED, or returns the mail error.

    Each row is taken in a transaction of its own holding only that row, so
    runs at the same moment never send the same one and a run that dies
    sends at most one twice. After FAILURES_IN_A_ROW failures in a row the
    server is away and the run stops, using nothing up; an address the server
    refuses is counted by `count_refusal`, so that it is tried only so often."""
    sent = failed = failures_in_a_row = 0
    tried = set()
    while failures_in_a_row < FAILURES_IN_A_ROW:
        with transaction.atomic():
            row = (
                owed.exclude(pk__in=tried)
                .select_for_update(skip_locked=True, of=("self",))
                .first()
            )
            if row is None:
                break
            tried.add(row.pk)
            failure = deliver(row)
            if failure is SKIPPED:
                continue
            if failure is None:
                sent, failures_in_a_row = sent + 1, 0
                continue
            failed, failures_in_a_row = failed + 1, failures_in_a_row + 1
            if isinstance(failure, smtplib.SMTPRecipientsRefused):
                count_refusal(row)
    return sent, failed
