"""Telling residents what happens to their consultation in committee
(ANCHORS, differentiator 2): those who asked, when they responded, to hear
what happens next are emailed when an agenda item that considers it is
published for a meeting still to come, and when that item's decisions are
published in the minutes. The outcome notice (outcome_notices) tells them
the rest.

Run by `manage.py send_outcome_notices` with the outcome notices. Each run
first queues a ProgressNotice row per resident for every such event (the
rows are unique, so queueing again adds nothing), then sends the rows owed
as outcome_notices sends its own (receipts.send_each): each in a transaction
of its own holding only its row, tried again by later runs while the mail
server is away, an address the server refuses up to MAX_ATTEMPTS times. A notice whose event no
longer holds when its turn comes (the meeting has started, the item was
withdrawn or made part two) is dropped unsent. Nothing is queued or sent once
the consultation's retention period has ended.
"""

import logging

from django.db.models import Exists, F, OuterRef
from django.template.loader import render_to_string
from django.utils import timezone

from core.formatting import govuk_datetime

from .enums import ConsultationStatus
from .privacy import retention_ends
from .receipts import MAX_ATTEMPTS, SKIPPED, email_resident, send_each
from .stop_emails import stop_emails_url
from .submissions import ConsultationResponse, ProgressNotice

logger = logging.getLogger(__name__)

AGENDA, DECIDED = "agenda", "decided"


def _items(kind, now, consultations):
    """The public agenda items considering any of `consultations` (page ids)
    while it is live, for which `kind` of event holds at `now`."""
    from committees.enums import MeetingStatus
    from committees.minutes import Resolution
    from committees.models import AgendaItemPage

    # One filter() call: the same link row must be live and one of these.
    items = AgendaItemPage.objects.filter(
        consultations__consultation__live=True,
        consultations__consultation__in=consultations,
    )
    if kind == AGENDA:
        return items.public_items().filter(
            meeting__live=True,
            meeting__status=MeetingStatus.SCHEDULED,
            meeting__starts_at__gt=now,
        )
    return items.with_public_minutes().filter(
        Exists(Resolution.objects.filter(page=OuterRef("pk")))
    )


def _event(kind, item_id, starts_at) -> str:
    """ "agenda:12:1767268800": the meeting's start is part of an agenda
    event, so an item moved to another time is told again, with the new one."""
    if kind == AGENDA:
        return f"{AGENDA}:{item_id}:{int(starts_at.timestamp())}"
    return f"{DECIDED}:{item_id}"


def _wanting():
    return ConsultationResponse.objects.filter(progress_notices_wanted=True).exclude(
        receipt_email=""
    )


def queue_progress_notices(now=None) -> int:
    """Add the notices owed for events that hold now; how many were new."""
    now = now or timezone.now()
    # Only consultations someone is waiting to hear about: the purge empties
    # the addresses once retention ends, so old consultations drop out.
    consultations = set(_wanting().values_list("page_id", flat=True).distinct())
    if not consultations:
        return 0
    # When each one's addresses are to be removed, from one query.
    retention = {
        page.pk: retention_ends(page)
        for page in _consultation_pages(consultations).only(
            "closes_at", "retention_months"
        )
    }
    queued = 0
    for kind in (AGENDA, DECIDED):
        links = _items(kind, now, consultations).values_list(
            "pk", "consultations__consultation", "meeting__starts_at"
        )
        for item_id, consultation_id, starts_at in links.distinct():
            if retention.get(consultation_id, now) <= now:
                # Another one the item considers, or one whose addresses are
                # due to be removed: not used again.
                continue
            event = _event(kind, item_id, starts_at)
            wanting = (
                _wanting()
                .filter(page_id=consultation_id)
                .exclude(
                    Exists(
                        ProgressNotice.objects.filter(
                            response=OuterRef("pk"), event=event
                        )
                    )
                )
            )
            if kind == DECIDED:
                # Not for decisions taken before the resident responded (a
                # decision to consult, say): they are not what happened next.
                wanting = wanting.filter(submit_time__lt=starts_at)
            notices = [
                ProgressNotice(response_id=pk, event=event)
                for pk in wanting.values_list("pk", flat=True)
            ]
            # A run at the same moment may have queued some: one row each.
            ProgressNotice.objects.bulk_create(notices, ignore_conflicts=True)
            queued += len(notices)
    return queued


def _consultation_pages(page_ids):
    from .models import ConsultationPage

    return ConsultationPage.objects.filter(pk__in=page_ids)


def _still_holds(notice, now):
    """The notice's item, if its event still holds for the notice's
    consultation at `now` (its meeting at the same time, for an agenda)."""
    kind, item_id, *starts = notice.event.split(":")
    item = (
        _items(kind, now, [notice.response.page_id])
        .filter(pk=item_id)
        .select_related("meeting")
        .first()
    )
    if item and starts and int(item.meeting.starts_at.timestamp()) != int(starts[0]):
        return None  # moved: a notice with the new time is queued instead
    return item


def send_progress_notices() -> tuple[int, int]:
    """(sent, failed): the queued notices, each once."""

    def deliver(notice):
        # Read each time: a long run must not tell of a meeting begun.
        now = timezone.now()
        consultation = notice.response.page.specific
        item = _still_holds(notice, now)
        if item is None or retention_ends(consultation) <= now:
            notice.delete()  # nothing true to tell, or not allowed to
            return SKIPPED
        failure = _send(notice, item, consultation, now)
        if failure is None:
            notice.sent_at = timezone.now()
            notice.save(update_fields=["sent_at"])
        return failure

    owed = (
        ProgressNotice.objects.filter(sent_at__isnull=True, attempts__lt=MAX_ATTEMPTS)
        .exclude(response__receipt_email="")
        .order_by("attempts", "pk")
        .select_related("response")
    )
    return send_each(owed, deliver, _count_a_refusal)


def _count_a_refusal(notice) -> None:
    ProgressNotice.objects.filter(pk=notice.pk).update(attempts=F("attempts") + 1)
    if notice.attempts + 1 >= MAX_ATTEMPTS:
        logger.warning(
            "Gave up the progress notice %s for response %s: its address was "
            "refused %s times",
            notice.event,
            notice.response.reference,
            MAX_ATTEMPTS,
        )


def _send(notice, item, consultation, now):
    """None once sent, or the error (receipts.email_resident)."""
    kind = notice.event.split(":")[0]
    meeting = item.meeting
    context = {
        "consultation": consultation,
        "item": item,
        "item_url": item.get_full_url(),
        "meeting": meeting,
        "committee": meeting.get_parent(),
        "starts": govuk_datetime(meeting.starts_at, weekday=True),
        "resolutions": list(item.resolutions.order_by("sort_order", "pk")),
        "reference": notice.response.reference,
        "outcome_out": consultation.status_at(now)
        == ConsultationStatus.OUTCOME_PUBLISHED,
        "stop_url": stop_emails_url(notice.response, consultation),
    }
    if kind == AGENDA:
        subject = f"Councillors are due to discuss {consultation.title}"
    else:
        subject = f"What councillors decided: {consultation.title}"
    return email_resident(
        notice.response,
        "Progress notice",
        subject=subject,
        message=render_to_string(f"consultations/email/{kind}.txt", context),
    )
