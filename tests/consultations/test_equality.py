"""Optional equality monitoring (QUALITY PRIV-03)."""

import pytest
from django.test import Client

from consultations.submissions import ConsultationResponse, EqualityAnswers
from tests.consultations.conftest import answers
from tests.html import soup, text

pytestmark = pytest.mark.django_db


@pytest.fixture
def monitored(consultation):
    consultation.ask_equality_questions = True
    consultation.save()
    return consultation


def test_questions_are_absent_unless_the_consultation_asks_them(client, consultation):
    assert not soup(client.get(consultation.url)).find(attrs={"name": "engage_eq_sex"})


def test_every_question_is_optional_with_prefer_not_to_say(client, monitored):
    document = soup(client.get(monitored.url))
    for name in ("age_band", "sex", "disability", "ethnic_group"):
        options = document.find_all("input", attrs={"name": f"engage_eq_{name}"})
        assert options, name
        assert not any(option.has_attr("required") for option in options)
        labels = [text(document.find("label", attrs={"for": o["id"]})) for o in options]
        assert "Prefer not to say" in labels
        legend = text(options[0].find_parent("fieldset").legend)
        assert legend.endswith("(optional)")


def test_a_response_without_equality_answers_is_accepted(client, monitored):
    assert client.post(monitored.url, answers()).status_code == 302
    assert ConsultationResponse.objects.count() == 1
    assert not EqualityAnswers.objects.exists()


def test_answers_are_stored_apart_and_left_out_of_the_export(monitored, admin_client):
    Client().post(
        monitored.url,
        answers(engage_eq_sex="prefer_not_to_say", engage_eq_age_band="25_34"),
    )
    response = ConsultationResponse.objects.get()
    assert "engage_eq_sex" not in response.form_data
    assert (response.equality.sex, response.equality.age_band) == (
        "prefer_not_to_say",
        "25_34",
    )
    export = admin_client.get(f"/admin/forms/submissions/{monitored.pk}/?export=csv")
    body = b"".join(export.streaming_content).decode()
    assert "25_34" not in body
    assert "sex" not in body.splitlines()[0].lower()


def test_an_unknown_equality_answer_is_refused(client, monitored):
    response = client.post(monitored.url, answers(engage_eq_sex="robot"))
    assert response.status_code == 200
    assert not ConsultationResponse.objects.exists()


def test_erasing_a_response_erases_its_equality_answers(client, monitored):
    client.post(monitored.url, answers(engage_eq_disability="no"))
    ConsultationResponse.objects.all().delete()
    assert not EqualityAnswers.objects.exists()
