"""Telling residents their consultation's outcome: everyone who asked, when
they responded, to be emailed once "We asked, you said, we did" is published.

Run by `manage.py send_outcome_notices` from cron: an outcome can be set to
come out at a later time, with nobody at the keyboard. Each response is told
once. A failing mail server costs nothing: the response stays due and the
next run tries again. Two runs at once do not both send (rows are locked).
"""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.html import strip_tags

from .submissions import ConsultationResponse

logger = logging.getLogger(__name__)

BATCH = 100


def notices_due(now):
    """Responses whose resident asked to hear of the outcome, now out, and
    has not been told; none once the retention purge removed the address."""
    return (
        ConsultationResponse.objects.filter(
            outcome_notice_wanted=True,
            outcome_notified_at__isnull=True,
            page__live=True,
            page__consultationpage__outcome_published_at__lte=now,
        )
        .exclude(receipt_email="")
        .order_by("pk")
    )


def send_outcome_notices(now=None) -> tuple[int, int]:
    """(sent, failed)."""
    now = now or timezone.now()
    sent, failed = 0, []
    while True:
        with transaction.atomic():
            batch = list(
                notices_due(now)
                .exclude(pk__in=failed)
                .select_for_update(skip_locked=True, of=("self",))
                .select_related("page")[:BATCH]
            )
            if not batch:
                return sent, len(failed)
            told = []
            for response in batch:
                if _send(response):
                    response.outcome_notified_at = timezone.now()
                    told.append(response)
                else:
                    failed.append(response.pk)
            ConsultationResponse.objects.bulk_update(told, ["outcome_notified_at"])
            sent += len(told)


def _send(response) -> bool:
    page = response.page.specific
    context = {
        "consultation": page,
        "reference": response.reference,
        "we_asked": strip_tags(page.we_asked).strip(),
        "you_said": strip_tags(page.you_said).strip(),
        "we_did": strip_tags(page.we_did).strip(),
    }
    try:
        send_mail(
            subject=f"What we decided: {page.title}",
            message=render_to_string("consultations/email/outcome.txt", context),
            from_email=settings.DEFAULT_FROM_EMAIL,
            recipient_list=[response.receipt_email],
        )
    except Exception as error:
        # Not the address: mail servers name the one they refused.
        logger.error(
            "Outcome notice for response %s failed: %s",
            response.reference,
            type(error).__name__,
        )
        return False
    return True
