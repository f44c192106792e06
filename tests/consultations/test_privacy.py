"""Personal data in responses: removed when retention ends, erased on request,
exported for subject access (QUALITY PRIV-04 to PRIV-06)."""

import datetime
import io
import json

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from freezegun import freeze_time
from wagtail.models import PageLogEntry

from consultations.equality import AgeBand
from consultations.factories import ConsultationPageFactory
from consultations.models import QuestionField
from consultations.privacy import add_months
from consultations.submissions import ConsultationResponse, EqualityAnswers
from tests.consultations.conftest import DAY, NOW

pytestmark = pytest.mark.django_db


@pytest.fixture
def closed(hub):
    return ConsultationPageFactory(
        parent=hub,
        title="Closed one",
        opens_at=NOW - 100 * DAY,
        closes_at=NOW - 10 * DAY,
        retention_months=24,
        form_fields=[
            QuestionField(label="Your view", field_type="multiline", required=True),
            QuestionField(label="Your name", field_type="singleline", is_personal=True),
            QuestionField(label="Your email", field_type="email", required=False),
        ],
    )


def answer(page, name, email, view="Keep the bus route", receipt=""):
    return ConsultationResponse.objects.create(
        page=page,
        form_data={"your_view": view, "your_name": name, "your_email": email},
        receipt_email=receipt,
    )


def run(*args):
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_add_months_keeps_the_day_or_the_month_end():
    start = datetime.datetime(2026, 1, 31, 12, tzinfo=datetime.UTC)
    assert add_months(start, 1).date() == datetime.date(2026, 2, 28)
    assert add_months(start, 24).date() == datetime.date(2028, 1, 31)


def test_nothing_is_purged_before_the_retention_period_ends(closed):
    answer(closed, "Ann", "ann@example.com", receipt="ann@example.com")
    with freeze_time(add_months(closed.closes_at, 24) - DAY):
        assert "0 responses were anonymised" in run("purge_personal_data")
    assert ConsultationResponse.objects.get().form_data["your_name"] == "Ann"


def test_purge_removes_personal_answers_and_keeps_the_rest(closed):
    answer(closed, "Ann", "ann@example.com", receipt="ann@example.com")
    with freeze_time(add_months(closed.closes_at, 24)):
        output = run("purge_personal_data")
    assert "Anonymised 1 responses to 'Closed one'" in output
    response = ConsultationResponse.objects.get()
    assert response.form_data == {"your_view": "Keep the bus route"}
    assert response.receipt_email == ""
    assert response.anonymised_at is not None
    entry = PageLogEntry.objects.get(action="consultations.purge_personal_data")
    assert entry.page_id == closed.pk
    assert entry.data["responses"] == 1


def test_purge_deletes_the_equality_answers_tied_to_each_response(closed):
    mine = answer(closed, "Ann", "ann@example.com")
    EqualityAnswers.objects.create(response=mine, age_band=AgeBand.FROM_35)
    with freeze_time(add_months(closed.closes_at, 24)):
        run("purge_personal_data")
    assert not EqualityAnswers.objects.exists()
    assert ConsultationResponse.objects.get().form_data  # the rest stays
    entry = PageLogEntry.objects.get(action="consultations.purge_personal_data")
    assert entry.data["equality_answers"] == 1


def delete_questions(page, *clean_names):
    """An editor takes questions off the form after responses came in."""
    page.form_fields = [
        question
        for question in page.form_fields.all()
        if question.clean_name not in clean_names
    ]
    page.save_revision().publish()


def test_answers_to_questions_since_deleted_are_purged_too(closed):
    answer(closed, "Ann", "ann@example.com")
    delete_questions(closed, "your_name", "your_email")
    with freeze_time(add_months(closed.closes_at, 24)):
        run("purge_personal_data")
    assert ConsultationResponse.objects.get().form_data == {
        "your_view": "Keep the bus route"
    }
    entry = PageLogEntry.objects.get(action="consultations.purge_personal_data")
    assert entry.data["fields"] == ["your_email", "your_name"]


def test_subject_access_finds_answers_to_questions_since_deleted(closed):
    mine = answer(closed, "Ann Example", "Ann@Example.com")
    answer(closed, "Jo Bloggs", "joann@example.com", view="ann@example.com is wrong")
    delete_questions(closed, "your_name", "your_email")
    by_email = json.loads(run("export_respondent_data", "ann@example.com"))
    assert [item["reference"] for item in by_email] == [mine.reference]
    by_name = json.loads(run("export_respondent_data", "--name", "ann example"))
    assert [item["reference"] for item in by_name] == [mine.reference]
    run("erase_respondent", "ann@example.com")
    assert list(
        ConsultationResponse.objects.values_list("form_data__your_name", flat=True)
    ) == ["Jo Bloggs"]


def test_dry_run_changes_nothing(closed):
    answer(closed, "Ann", "ann@example.com")
    with freeze_time(add_months(closed.closes_at, 25)):
        assert "Would anonymise 1 responses" in run("purge_personal_data", "--dry-run")
    assert ConsultationResponse.objects.get().anonymised_at is None
    assert not PageLogEntry.objects.filter(action="consultations.purge_personal_data")


def test_a_shorter_retention_period_is_honoured(closed):
    closed.retention_months = 1
    closed.save()
    answer(closed, "Ann", "ann@example.com")
    with freeze_time(NOW + 30 * DAY):
        run("purge_personal_data")
    assert "your_name" not in ConsultationResponse.objects.get().form_data


def test_personal_details_are_kept_at_most_two_years(closed):
    closed.retention_months = 36
    with pytest.raises(ValidationError) as refused:
        closed.full_clean()
    assert refused.value.message_dict["retention_months"] == [
        "Personal details can be kept for at most 24 months after closing."
    ]
    # Set past the cap some other way (before the cap, or by a script), the
    # purge still keeps to it.
    type(closed).objects.filter(pk=closed.pk).update(retention_months=36)
    answer(closed, "Ann", "ann@example.com")
    with freeze_time(add_months(closed.closes_at, 24)):
        run("purge_personal_data")
    assert "your_name" not in ConsultationResponse.objects.get().form_data


def test_subject_access_export_finds_every_response_by_email(closed, consultation):
    answer(closed, "Ann", "Ann@Example.com")
    ConsultationResponse.objects.create(
        page=consultation, form_data={"why": "Parks"}, receipt_email="ann@example.com"
    )
    answer(closed, "Bob", "bob@example.com")
    exported = json.loads(run("export_respondent_data", "ann@example.com"))
    assert sorted(item["consultation"] for item in exported) == [
        "Closed one",
        "Parks plan",
    ]
    assert all("reference" in item and "answers" in item for item in exported)


def test_subject_access_export_finds_responses_by_name_with_equality_answers(
    closed, consultation
):
    """QUALITY PRIV-06: by name as well as by address, and the equality
    answers kept apart from the response are part of what is held."""
    by_name = answer(closed, "Ann Example", "")
    EqualityAnswers.objects.create(response=by_name, age_band=AgeBand.FROM_35)
    answer(closed, "Ann Other", "ann@example.com")
    out, err = io.StringIO(), io.StringIO()
    call_command(
        "export_respondent_data", "--name", "ann example", stdout=out, stderr=err
    )
    exported = json.loads(out.getvalue())
    assert [item["reference"] for item in exported] == [by_name.reference]
    assert exported[0]["matched_by"] == ["name"]
    assert "1 found by name alone" in err.getvalue()
    assert exported[0]["equality_answers"] == {"age band": "35 to 44"}
    both = json.loads(
        run("export_respondent_data", "ann@example.com", "--name", "Ann Example")
    )
    assert [item["matched_by"] for item in both] == [["name"], ["email"]]
    assert both[1]["equality_answers"] == {}
    with pytest.raises(CommandError, match="Give an email address"):
        run("export_respondent_data")


def test_erasure_deletes_one_respondents_responses_only(closed):
    answer(closed, "Ann", "ann@example.com")
    kept = answer(closed, "Bob", "bob@example.com")
    assert "Deleted 1 responses" in run("erase_respondent", "ann@example.com")
    assert list(ConsultationResponse.objects.all()) == [kept]
    assert (
        PageLogEntry.objects.filter(action="consultations.erase_respondent").count()
        == 1
    )


def test_a_response_with_no_address_is_found_and_erased_by_its_reference(closed):
    paper = ConsultationResponse.objects.create(
        page=closed, form_data={"your_view": "Keep it"}, channel="post"
    )
    other = answer(closed, "Bob", "bob@example.com")
    reference = f"  {paper.reference.lower()} "
    exported = json.loads(run("export_respondent_data", "--reference", reference))
    assert [(row["reference"], row["matched_by"]) for row in exported] == [
        (paper.reference, ["reference"])
    ]
    assert "1 responses would be deleted" in run(
        "erase_respondent", "--reference", reference, "--dry-run"
    )
    assert ConsultationResponse.objects.count() == 2
    assert "Deleted 1 responses" in run("erase_respondent", "--reference", reference)
    assert list(ConsultationResponse.objects.all()) == [other]
    entry = PageLogEntry.objects.get(action="consultations.erase_respondent")
    assert entry.data == {"reference": paper.reference}
    with pytest.raises(CommandError, match="Give an email address"):
        run("erase_respondent")


def test_one_question_can_be_erased_across_a_consultation(closed):
    answer(closed, "Ann", "ann@example.com")
    answer(closed, "Bob", "bob@example.com")
    run("erase_question", str(closed.pk), "your_name")
    for response in ConsultationResponse.objects.all():
        assert "your_name" not in response.form_data
        assert response.form_data["your_view"] == "Keep the bus route"


def test_a_question_since_deleted_can_be_erased_after_a_dry_run(closed):
    answer(closed, "Ann", "ann@example.com")
    answer(closed, "Bob", "bob@example.com")
    closed.form_fields.filter(clean_name="your_email").delete()
    assert "Would remove 'your_email' from 2 responses" in run(
        "erase_question", str(closed.pk), "your_email", "--dry-run"
    )
    assert (
        ConsultationResponse.objects.filter(form_data__has_key="your_email").count()
        == 2
    )
    run("erase_question", str(closed.pk), "your_email")
    assert not ConsultationResponse.objects.filter(form_data__has_key="your_email")


def test_erasing_an_unknown_question_is_refused(closed):
    with pytest.raises(Exception, match="no question named"):
        run("erase_question", str(closed.pk), "nope")
