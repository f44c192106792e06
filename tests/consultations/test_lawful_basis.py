"""QUALITY PRIV-01: every response form names its lawful basis beside the
submit button, and nothing on it starts ticked or chosen for the resident."""

import pytest
from django.core.exceptions import ValidationError

from consultations.factories import ConsultationPageFactory
from consultations.models import QuestionField
from core.models import SiteSettings
from tests.html import soup, text

from .conftest import DAY, NOW

pytestmark = pytest.mark.django_db


def notice(client, page) -> str:
    form = soup(client.get(page.url)).find("form", attrs={"method": "post"})
    heading = form.find("h3", string="How we use your information")
    return text(heading.find_next_sibling("div"))


@pytest.fixture
def open_consultation(hub):
    return ConsultationPageFactory(
        parent=hub,
        opens_at=NOW - DAY,
        closes_at=NOW + DAY,
        form_fields=[QuestionField(label="Why", field_type="multiline")],
    )


def test_the_notice_is_the_consultations_own_then_the_sites(client, open_consultation):
    settings = SiteSettings.objects.get()
    settings.response_privacy_notice = "<p>The site's notice: public task.</p>"
    settings.save()
    assert notice(client, open_consultation) == "The site's notice: public task."
    open_consultation.privacy_notice = "<p>This consultation's own notice.</p>"
    open_consultation.save_revision().publish()
    assert notice(client, open_consultation) == "This consultation's own notice."


def test_with_no_notice_written_the_form_still_names_its_lawful_basis(
    client, open_consultation
):
    said = notice(client, open_consultation)
    assert said.startswith("Testvale Council uses your answers")
    assert "task in the public interest" in said
    assert "Freedom of Information Act" in said
    # Whether responses are published (QUALITY PRIV-02).
    assert "We publish a summary of what people told us" in said


def test_nothing_starts_ticked_or_chosen_even_if_saved_so(client, hub):
    page = ConsultationPageFactory(
        parent=hub,
        opens_at=NOW - DAY,
        closes_at=NOW + DAY,
        form_fields=[
            QuestionField(label="Keep me informed", field_type="checkbox"),
            QuestionField(
                label="Topics",
                field_type="checkboxes",
                choices="Parks\nRoads",
                default_value="Parks",
            ),
            QuestionField(
                label="Agree",
                field_type="radio",
                choices="Yes\nNo",
                default_value="Yes",
            ),
            QuestionField(
                label="As", field_type="dropdown", choices="A\nB", default_value="B"
            ),
        ],
    )
    # Saved before editors were stopped (below), or written in by code.
    QuestionField.objects.filter(label="Keep me informed").update(default_value="on")
    form = soup(client.get(page.url)).find("form", attrs={"method": "post"})
    assert form.select("input[checked]") == []
    # Only the "Select an answer" placeholder of a dropdown is selected.
    assert [o["value"] for o in form.select("option[selected]")] == [""]


@pytest.mark.parametrize(
    "field_type", ["checkbox", "checkboxes", "radio", "dropdown", "multiselect"]
)
def test_editors_cannot_set_an_answer_in_advance(field_type):
    question = QuestionField(
        label="Keep me informed",
        field_type=field_type,
        choices="Yes\nNo",
        default_value="Yes",
    )
    with pytest.raises(ValidationError) as refused:
        question.clean()
    assert "nothing starts ticked or chosen" in str(refused.value)


def test_other_questions_may_still_have_a_default():
    QuestionField(
        label="Town", field_type="singleline", default_value="Testvale"
    ).clean()
