"""Personal data in responses (QUALITY PRIV-04 to PRIV-06): removal when a
consultation's retention period ends, erasure on request, and subject-access
exports. Every change is written to Wagtail's audit log against the page (as
is staff's access to responses: access_log.py)."""

import datetime
from calendar import monthrange
from functools import reduce
from operator import or_

from django.db import transaction
from django.db.models import Q
from wagtail.log_actions import log

from .models import ConsultationPage, QuestionField
from .submissions import ConsultationResponse, EqualityAnswers

PURGE_ACTION = "consultations.purge_personal_data"
ERASE_RESPONDENT_ACTION = "consultations.erase_respondent"
ERASE_QUESTION_ACTION = "consultations.erase_question"
BATCH = 1000


def add_months(moment: datetime.datetime, months: int) -> datetime.datetime:
    month_index = moment.month - 1 + months
    year, month = moment.year + month_index // 12, month_index % 12 + 1
    day = min(moment.day, monthrange(year, month)[1])
    return moment.replace(year=year, month=month, day=day)


def personal_fields(page) -> set[str]:
    return {
        question.clean_name
        for question in page.form_fields.all()
        if question.is_personal or question.field_type == "email"
    }


def retention_ends(page) -> datetime.datetime:
    return add_months(page.closes_at, page.retention_months)


def consultations_due_for_purge(now):
    """Closed consultations whose retention period has ended."""
    closed = ConsultationPage.objects.filter(closes_at__lte=now).order_by("pk")
    return [page for page in closed if retention_ends(page) <= now]


def purge_personal_data(page, now, dry_run=False) -> int:
    """Remove personal answers and receipt addresses from every response to
    `page` not yet anonymised; the rest of each response stays for the record."""
    fields = personal_fields(page)
    pending = ConsultationResponse.objects.filter(page=page, anonymised_at__isnull=True)
    if dry_run:
        return pending.count()
    done = 0
    with transaction.atomic():
        batch = []
        for response in pending.only("pk", "form_data").iterator(chunk_size=BATCH):
            response.form_data = {
                name: value
                for name, value in response.form_data.items()
                if name not in fields
            }
            response.receipt_email = ""
            response.anonymised_at = now
            batch.append(response)
            if len(batch) == BATCH:
                done += _save(batch)
                batch = []
        done += _save(batch)
        log(page, PURGE_ACTION, data={"responses": done, "fields": sorted(fields)})
    return done


def _save(responses) -> int:
    ConsultationResponse.objects.bulk_update(
        responses, ["form_data", "receipt_email", "anonymised_at"]
    )
    return len(responses)


def responses_from(email: str):
    """Every response that gives this address: as the receipt address or as the
    answer to any email question, on any consultation."""
    email_questions = set(
        QuestionField.objects.filter(field_type="email").values_list(
            "clean_name", flat=True
        )
    )
    matches = [Q(receipt_email__iexact=email)] + [
        Q(**{f"form_data__{name}__iexact": email}) for name in email_questions
    ]
    return ConsultationResponse.objects.filter(reduce(or_, matches)).select_related(
        "page"
    )


def responses_naming(name: str):
    """Every response whose answer to a personal question (a name, an address)
    is `name`, whatever the case: for requests that give a name, not an
    address."""
    personal_questions = set(
        QuestionField.objects.filter(is_personal=True)
        .exclude(field_type="email")
        .values_list("clean_name", flat=True)
    )
    if not personal_questions or not name.strip():
        return ConsultationResponse.objects.none()
    matches = [
        Q(**{f"form_data__{question}__iexact": name.strip()})
        for question in personal_questions
    ]
    return ConsultationResponse.objects.filter(reduce(or_, matches))


def export_respondent(email: str = "", name: str = "") -> list[dict]:
    """A subject-access export: everything held about this address or name,
    the separately kept equality answers included. Each row says what it was
    found by: other people share names, so rows found by name alone must be
    checked against the requester before anything is sent."""
    by_email = (
        set(responses_from(email).values_list("pk", flat=True)) if email else set()
    )
    by_name = (
        set(responses_naming(name).values_list("pk", flat=True)) if name else set()
    )
    found = ConsultationResponse.objects.filter(pk__in=by_email | by_name)
    return [
        {
            "matched_by": [
                key
                for key, pks in (("email", by_email), ("name", by_name))
                if response.pk in pks
            ],
            "consultation": response.page.title,
            "reference": response.reference,
            "submitted": response.submit_time.isoformat(),
            "channel": response.channel,
            "receipt_email": response.receipt_email,
            "answers": response.form_data,
            "equality_answers": equality_answers(response),
        }
        for response in found.select_related("page", "equality").order_by(
            "submit_time", "pk"
        )
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


def erase_respondent(email: str) -> int:
    with transaction.atomic():
        responses = list(responses_from(email))
        for response in responses:
            log(
                response.page,
                ERASE_RESPONDENT_ACTION,
                data={"reference": response.reference},
            )
        ConsultationResponse.objects.filter(pk__in=[r.pk for r in responses]).delete()
    return len(responses)


def erase_question(page, clean_name: str) -> int:
    """Remove one question's answers from every response to `page`."""
    with transaction.atomic():
        batch = []
        for response in (
            ConsultationResponse.objects.filter(
                page=page, form_data__has_key=clean_name
            )
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
