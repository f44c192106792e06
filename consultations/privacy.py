"""Personal data in responses (QUALITY PRIV-04 to PRIV-06): removal when a
consultation's retention period ends, erasure on request, and subject-access
exports. Every change is written to Wagtail's audit log against the page (as
is staff's access to responses: access_log.py)."""

import datetime
from calendar import monthrange

from django.db import transaction
from django.db.models import Q, QuerySet
from wagtail.log_actions import log

from .models import MAX_RETENTION_MONTHS, ConsultationPage
from .submissions import ConsultationResponse, EqualityAnswers, ProgressNotice

PURGE_ACTION = "consultations.purge_personal_data"
ERASE_RESPONDENT_ACTION = "consultations.erase_respondent"
ERASE_QUESTION_ACTION = "consultations.erase_question"
BATCH = 1000


def add_months(moment: datetime.datetime, months: int) -> datetime.datetime:
    month_index = moment.month - 1 + months
    year, month = moment.year + month_index // 12, month_index % 12 + 1
    day = min(moment.day, monthrange(year, month)[1])
    return moment.replace(year=year, month=month, day=day)


def lasting_fields(page) -> set[str]:
    """The questions whose answers are kept after the retention period: those
    on the page now that are not marked personal and do not ask for an email
    address. An answer to a question since deleted goes with the personal
    ones: nobody can now tell what it held."""
    return {
        question.clean_name
        for question in page.form_fields.all()
        if not (question.is_personal or question.field_type == "email")
    }


def retention_ends(page) -> datetime.datetime:
    # A period set before the cap (or by a script) still ends at the cap.
    months = min(page.retention_months, MAX_RETENTION_MONTHS)
    return add_months(page.closes_at, months)


def consultations_due_for_purge(now):
    """Closed consultations whose retention period has ended."""
    closed = ConsultationPage.objects.filter(closes_at__lte=now).order_by("pk")
    return [page for page in closed if retention_ends(page) <= now]


def describe_event(event: str) -> str:
    """ "agenda:12:…" -> 'Agenda item "Item 7: Parks plan" to be discussed'."""
    from committees.models import AgendaItemPage

    kind, item_id, *_ = event.split(":")
    item = AgendaItemPage.objects.filter(pk=item_id).first()
    what = f'Agenda item "{item.heading}"' if item else "An agenda item since removed"
    return f"{what} {'to be discussed' if kind == 'agenda' else 'decided'}"


def purge_personal_data(page, now, dry_run=False) -> int:
    """Remove personal answers, receipt addresses and equality answers (kept
    apart, and tied to the response until now) from every response to `page`
    not yet anonymised; the rest of each response stays for the record."""
    kept = lasting_fields(page)
    pending = ConsultationResponse.objects.filter(page=page, anonymised_at__isnull=True)
    if dry_run:
        return pending.count()
    done = 0
    fields = set()  # what was removed, for the audit log
    with transaction.atomic():
        batch = []
        for response in pending.only("pk", "form_data").iterator(chunk_size=BATCH):
            fields.update(response.form_data.keys() - kept)
            response.form_data = {
                name: value
                for name, value in response.form_data.items()
                if name in kept
            }
            response.receipt_email = ""
            response.anonymised_at = now
            batch.append(response)
            if len(batch) == BATCH:
                done += _save(batch)
                batch = []
        done += _save(batch)
        equality, _ = EqualityAnswers.objects.filter(
            response__page=page, response__anonymised_at__isnull=False
        ).delete()
        # With the address gone they can never be sent; sent ones said only
        # what was public anyway.
        ProgressNotice.objects.filter(response__page=page).delete()
        log(
            page,
            PURGE_ACTION,
            data={
                "responses": done,
                "fields": sorted(fields),
                "equality_answers": equality,
            },
        )
    return done


def _save(responses) -> int:
    ConsultationResponse.objects.bulk_update(
        responses, ["form_data", "receipt_email", "anonymised_at"]
    )
    return len(responses)


def responses_from(email: str):
    """Every response that gives this address, on any consultation: as the
    receipt address or as an answer (to an email question, even one since
    deleted), whatever the case."""
    wanted = email.strip().casefold()
    if not wanted:
        return ConsultationResponse.objects.none()
    # The database narrows the search to responses that mention the address
    # anywhere; each is then checked for an answer that is the address.
    candidates = ConsultationResponse.objects.filter(
        Q(receipt_email__iexact=email.strip()) | Q(form_data__icontains=email.strip())
    ).only("pk", "receipt_email", "form_data")
    found = [
        response.pk
        for response in candidates.iterator(chunk_size=BATCH)
        if response.receipt_email.casefold() == wanted
        or any(_is(value, wanted) for value in response.form_data.values())
    ]
    return ConsultationResponse.objects.filter(pk__in=found).select_related("page")


def responses_naming(name: str):
    """Every response whose answer to a personal question (a name, an address),
    or to a question since deleted, is `name`, whatever the case: for requests
    that give a name, not an address."""
    wanted = name.strip().casefold()
    if not wanted:
        return ConsultationResponse.objects.none()
    candidates = ConsultationResponse.objects.filter(
        form_data__icontains=name.strip()
    ).only("pk", "page_id", "form_data")
    # Each consultation's lasting questions, worked out once.
    lasting = {
        page.pk: lasting_fields(page)
        for page in ConsultationPage.objects.filter(
            pk__in=candidates.values("page_id")
        ).prefetch_related("form_fields")
    }
    found = [
        response.pk
        for response in candidates.iterator(chunk_size=BATCH)
        if any(
            _is(value, wanted)
            for question, value in response.form_data.items()
            if question not in lasting.get(response.page_id, ())
        )
    ]
    return ConsultationResponse.objects.filter(pk__in=found)


def responses_with_references(references) -> QuerySet:
    """The responses with these references (shown to the resident when they
    responded, and in their receipt; staff give one for each paper, email or
    phone response they enter), whatever the case and spacing."""
    wanted = {reference.strip().upper() for reference in references}
    wanted.discard("")
    return ConsultationResponse.objects.filter(reference__in=wanted).select_related(
        "page"
    )


def _is(answer, wanted: str) -> bool:
    return isinstance(answer, str) and answer.strip().casefold() == wanted


def export_respondent(email: str = "", name: str = "", references=()) -> list[dict]:
    """A subject-access export: everything held about this address, name or
    these response references, the separately kept equality answers
    included. Each row says what it was found by: other people share names,
    so rows found by name alone must be checked against the requester before
    anything is sent."""
    by_email = (
        set(responses_from(email).values_list("pk", flat=True)) if email else set()
    )
    by_name = (
        set(responses_naming(name).values_list("pk", flat=True)) if name else set()
    )
    by_reference = set(
        responses_with_references(references).values_list("pk", flat=True)
    )
    found = ConsultationResponse.objects.filter(
        pk__in=by_email | by_name | by_reference
    )
    return [
        {
            "matched_by": [
                key
                for key, pks in (
                    ("email", by_email),
                    ("name", by_name),
                    ("reference", by_reference),
                )
                if response.pk in pks
            ],
            "consultation": response.page.title,
            "reference": response.reference,
            "submitted": response.submit_time.isoformat(),
            "channel": response.channel,
            "receipt_email": response.receipt_email,
            "outcome_notice": {
                "wanted": response.outcome_notice_wanted,
                "sent": response.outcome_notified_at.isoformat()
                if response.outcome_notified_at
                else None,
            },
            "progress_notices": {
                "wanted": response.progress_notices_wanted,
                "notices": [
                    {
                        "about": describe_event(notice.event),
                        "queued": notice.queued_at.isoformat(),
                        "sent": notice.sent_at.isoformat() if notice.sent_at else None,
                        "attempts_refused": notice.attempts,
                    }
                    for notice in response.progress_notices.all()
                ],
            },
            "answers": response.form_data,
            "equality_answers": equality_answers(response),
        }
        for response in found.select_related("page", "equality")
        .prefetch_related("progress_notices")
        .order_by("submit_time", "pk")
    ]


def equality_answers(response) -> dict:
    try:
        answers = response.equality
    except EqualityAnswers.DoesNotExist:
        return {}
    return {
        field.verbose_name: getattr(answers, f"get_{field.name}_display")()
        for field in EqualityAnswers._meta.get_fields()
        if getattr(field, "choices", None) and getattr(answers, field.name)
    }


def erase_respondent(email: str = "", references=()) -> int:
    """Delete every response given with this address, and those with these
    references (a paper response may carry no address at all)."""
    with transaction.atomic():
        responses = list(
            {
                response.pk: response
                for found in (
                    responses_from(email) if email else [],
                    responses_with_references(references),
                )
                for response in found
            }.values()
        )
        for response in responses:
            log(
                response.page,
                ERASE_RESPONDENT_ACTION,
                data={"reference": response.reference},
            )
        ConsultationResponse.objects.filter(pk__in=[r.pk for r in responses]).delete()
    return len(responses)


def answering(page, clean_name: str) -> QuerySet:
    """The responses to `page` holding an answer to the question
    `clean_name`, on the form now or since deleted from it."""
    return ConsultationResponse.objects.filter(page=page, form_data__has_key=clean_name)


def erase_question(page, clean_name: str) -> int:
    """Remove one question's answers from every response to `page`."""
    with transaction.atomic():
        batch = []
        for response in (
            answering(page, clean_name)
            .only("pk", "form_data")
            .iterator(chunk_size=BATCH)
        ):
            response.form_data.pop(clean_name, None)
            batch.append(response)
        ConsultationResponse.objects.bulk_update(batch, ["form_data"], batch_size=BATCH)
        log(
            page,
            ERASE_QUESTION_ACTION,
            data={"question": clean_name, "responses": len(batch)},
        )
    return len(batch)
