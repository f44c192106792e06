"""Telling residents their consultation's outcome: everyone who asked, when
they responded, to be emailed once "We asked, you said, we did" is published.

Run by `manage.py send_outcome_notices` from cron: an outcome can be set to
come out at a later time, with nobody at the keyboard. receipts.send_each
sends each notice and marks it in a transaction of its own, holding only its
row, so two runs at once never send the same one. A failed send is tried
again by later runs: while the mail server is away, for as long as it takes;
an address the server refuses, up to MAX_ATTEMPTS times, then it is given up
and logged.
Nothing is sent once the consultation's retention period has ended: the
address is only kept until then (privacy.purge).
"""

import html
import logging

from django.db.models import F
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.html import strip_tags

from .privacy import retention_ends
from .receipts import MAX_ATTEMPTS, SKIPPED, email_resident, send_each
from .stop_emails import stop_emails_url
from .submissions import ConsultationResponse

logger = logging.getLogger(__name__)


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
    pages = {}

    def deliver(response):
        if response.page_id not in pages:
            pages[response.page_id] = response.page.specific
        page = pages[response.page_id]
        if retention_ends(page) <= now:
            return SKIPPED  # the address is due to be removed: not used again
        failure = _send(response, page)
        if failure is None:
            response.outcome_notified_at = timezone.now()
            response.save(update_fields=["outcome_notified_at"])
        return failure

    return send_each(notices_due(now), deliver, _count_a_refusal)


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
