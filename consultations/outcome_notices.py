"""Telling residents their consultation's outcome: everyone who asked, when
they responded, to be emailed once "We asked, you said, we did" is published.

Run by `manage.py send_outcome_notices` from cron: an outcome can be set to
come out at a later time, with nobody at the keyboard. Each notice is sent
and marked in a transaction of its own, holding only its row, so two runs at
once never send the same one and a run that dies sends at most one twice. A
failed send is tried again by later runs: while the mail server is away
(after FAILURES_IN_A_ROW failures a run stops), for as long as it takes; an
address the server refuses, up to MAX_ATTEMPTS times, then it is given up
and logged.
Nothing is sent once the consultation's retention period has ended: the
address is only kept until then (privacy.purge).
"""

import html
import logging
import smtplib

from django.db import transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.html import strip_tags

from .privacy import retention_ends
from .receipts import email_resident
from .stop_emails import stop_emails_url
from .submissions import ConsultationResponse

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 5
FAILURES_IN_A_ROW = 3


def notices_due(now):
    """Responses whose resident asked to hear of the outcome, now out, and
    has not been told; none once the retention purge removed the address."""
    return (
        ConsultationResponse.objects.filter(
            outcome_notice_wanted=True,
            outcome_notified_at__isnull=True,
            outcome_notice_attempts__lt=MAX_ATTEMPTS,
            page__live=True,
            page__consultationpage__outcome_published_at__lte=now,
        )
        .exclude(receipt_email="")
        # Those tried least first: a refused address does not hold up the
        # notices behind it.
        .order_by("outcome_notice_attempts", "pk")
    )


def send_outcome_notices(now=None) -> tuple[int, int]:
    """(sent, failed)."""
    now = now or timezone.now()
    sent = failed = failures_in_a_row = 0
    pages = {}
    tried = set()
    while failures_in_a_row < FAILURES_IN_A_ROW:
        with transaction.atomic():
            response = (
                notices_due(now)
                .exclude(pk__in=tried)
                .select_for_update(skip_locked=True, of=("self",))
                .first()
            )
            if response is None:
                break
            tried.add(response.pk)
            if response.page_id not in pages:
                pages[response.page_id] = response.page.specific
            page = pages[response.page_id]
            if retention_ends(page) <= now:
                continue  # the address is due to be removed: not used again
            failure = _send(response, page)
            if failure is None:
                response.outcome_notified_at = timezone.now()
                response.save(update_fields=["outcome_notified_at"])
                sent, failures_in_a_row = sent + 1, 0
                continue
            failed, failures_in_a_row = failed + 1, failures_in_a_row + 1
            if isinstance(failure, smtplib.SMTPRecipientsRefused):
                # This address, not the server: only so many tries.
                _count_a_refusal(response)
    return sent, failed


def _count_a_refusal(response) -> None:
    ConsultationResponse.objects.filter(pk=response.pk).update(
        outcome_notice_attempts=F("outcome_notice_attempts") + 1
    )
    if response.outcome_notice_attempts + 1 >= MAX_ATTEMPTS:
        logger.warning(
            "Gave up the outcome notice for response %s: its address was "
            "refused %s times",
            response.reference,
            MAX_ATTEMPTS,
        )


def _plain(rich_text: str) -> str:
    return html.unescape(strip_tags(rich_text)).strip()


def _send(response, page):
    """None once sent, or the error (receipts.email_resident)."""
    context = {
        "consultation": page,
        "reference": response.reference,
        "progress": response.progress_notices_wanted,
        "stop_url": stop_emails_url(response, page),
        "we_asked": _plain(page.we_asked),
        "you_said": _plain(page.you_said),
        "we_did": _plain(page.we_did),
    }
    return email_resident(
        response,
        "Outcome notice",
        subject=f"What we decided: {page.title}",
        message=render_to_string("consultations/email/outcome.txt", context),
    )
