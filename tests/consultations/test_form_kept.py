"""A consultation's response form class is kept by each process until content
changes (ConsultationPage.get_form_class): a published question shows on the
next request, and a preview builds its form from the questions in hand."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from consultations.models import ConsultationPage, QuestionField

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def only_content_ends_a_memo(shared_cache):
    pass


def question_queries(queries) -> list:
    return [q for q in queries if "consultations_questionfield" in q["sql"]]


def test_a_warm_consultation_page_fetches_no_questions(client, consultation):
    client.get(consultation.url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(consultation.url)
    assert "Do you agree" in response.content.decode()
    assert not question_queries(queries)


def test_a_published_question_shows_on_the_next_request(client, consultation):
    assert "How often do you visit" not in client.get(consultation.url).content.decode()
    consultation.form_fields.add(
        QuestionField(label="How often do you visit", field_type="singleline")
    )
    consultation.save_revision().publish()
    assert "How often do you visit" in client.get(consultation.url).content.decode()


def test_unsaved_questions_build_their_own_form_and_leave_the_live_one(
    client, consultation
):
    client.get(consultation.url)  # the live form's class is now kept
    editing = ConsultationPage.objects.get(pk=consultation.pk)
    editing.form_fields.add(
        QuestionField(label="An unsaved question", field_type="singleline")
    )
    assert "an_unsaved_question" in editing.get_form_class().base_fields
    assert "An unsaved question" not in client.get(consultation.url).content.decode()


def test_a_preview_builds_its_form_from_its_own_questions(consultation):
    kept = ConsultationPage.objects.get(pk=consultation.pk).get_form_class()
    draft = ConsultationPage.objects.get(pk=consultation.pk)
    draft.form_fields.add(
        QuestionField(label="A new question", field_type="singleline")
    )
    previewed = draft.save_revision().as_object()
    assert "a_new_question" in previewed.get_form_class().base_fields
    assert "a_new_question" not in kept.base_fields
    live = ConsultationPage.objects.get(pk=consultation.pk)
    assert "a_new_question" not in live.get_form_class().base_fields
