"""Editors build a consultation's questions and publish its outcome in the
Wagtail admin."""

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.test.utils.form_data import (
    inline_formset,
    nested_form_data,
    rich_text,
    streamfield,
)

from consultations.models import ConsultationPage
from tests.consultations.conftest import DAY, NOW
from tests.html import soup, text

pytestmark = pytest.mark.django_db


def local(moment):
    """The admin's date and time format, in UK time, at noon on the day of
    `moment`: whole days from now, never the hour a clock change skips or
    repeats (which the admin rightly refuses)."""
    noon = timezone.localtime(moment).replace(hour=12, minute=0)
    return noon.strftime("%Y-%m-%d %H:%M")


def page_data(**overrides):
    data = {
        "title": "Bus routes",
        "slug": "bus-routes",
        "summary": "Changes to three bus routes.",
        "opens_at": local(NOW - DAY),
        "closes_at": local(NOW + 20 * DAY),
        "body": streamfield([("rich_text", rich_text("<p>What we propose.</p>"))]),
        "tags": "Transport",
        "form_fields": inline_formset(
            [
                {
                    "label": "Do you use these routes?",
                    "field_type": "radio",
                    "required": "on",
                    "choices": "Yes\nNo",
                    "help_text": "",
                    "default_value": "",
                },
                {
                    "label": "Your postcode",
                    "field_type": "singleline",
                    "choices": "",
                    "help_text": "",
                    "default_value": "",
                    "is_personal": "on",
                },
            ]
        ),
        "retention_months": "24",
        "action-publish": "publish",
    }
    data.update(overrides)
    return nested_form_data(data)


def test_an_editor_builds_the_questions_in_the_admin(admin_client, hub):
    url = reverse(
        "wagtailadmin_pages:add", args=("consultations", "consultationpage", hub.pk)
    )
    response = admin_client.post(url, page_data())
    assert response.status_code == 302, soup(response).select(".error-message")
    page = ConsultationPage.objects.get(slug="bus-routes")
    questions = list(page.form_fields.values_list("label", "field_type", "is_personal"))
    assert questions == [
        ("Do you use these routes?", "radio", False),
        ("Your postcode", "singleline", True),
    ]
    form = soup(admin_client.get(page.url))
    labels = [text(legend) for legend in form.select("legend")]
    assert "Do you use these routes?" in labels


def test_an_outcome_is_published_from_the_admin(admin_client, hub):
    url = reverse(
        "wagtailadmin_pages:add", args=("consultations", "consultationpage", hub.pk)
    )
    admin_client.post(
        url, page_data(opens_at=local(NOW - 30 * DAY), closes_at=local(NOW - 2 * DAY))
    )
    page = ConsultationPage.objects.get(slug="bus-routes")
    edit = reverse("wagtailadmin_pages:edit", args=(page.pk,))
    outcome = {
        "we_asked": rich_text("<p>We asked about three routes.</p>"),
        "you_said": rich_text("<p>You said the 12 matters most.</p>"),
        "we_did": rich_text("<p>We kept the 12.</p>"),
        "outcome_published_at": local(NOW - DAY),
    }
    form = page_data(opens_at=local(NOW - 30 * DAY), closes_at=local(NOW - 2 * DAY))
    form.update(nested_form_data(outcome))
    form.update(
        {
            "form_fields-INITIAL_FORMS": "2",
            "form_fields-0-id": str(page.form_fields.all()[0].pk),
            "form_fields-1-id": str(page.form_fields.all()[1].pk),
        }
    )
    response = admin_client.post(edit, form)
    assert response.status_code == 302, soup(response).select(".error-message")
    public = soup(admin_client.get(page.url))
    outcome_section = public.find(
        "section", attrs={"aria-labelledby": "outcome-heading"}
    )
    assert "We kept the 12." in text(outcome_section)


def test_an_outcome_before_closing_is_refused_in_the_admin(admin_client, hub):
    url = reverse(
        "wagtailadmin_pages:add", args=("consultations", "consultationpage", hub.pk)
    )
    data = page_data(
        outcome_published_at=local(NOW),
        we_did=rich_text("<p>Done.</p>"),
    )
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert not ConsultationPage.objects.filter(slug="bus-routes").exists()
    assert "after the consultation closes" in response.content.decode()


@pytest.mark.parametrize(
    "opens, closes",
    [(NOW - DAY, NOW + 20 * DAY), (NOW - 30 * DAY, NOW - DAY)],
    ids=["open", "closed"],
)
def test_a_new_consultation_can_be_previewed_before_it_is_first_saved(
    admin_client, hub, opens, closes
):
    url = reverse(
        "wagtailadmin_pages:preview_on_add",
        args=("consultations", "consultationpage", hub.pk),
    )
    data = page_data(opens_at=local(opens), closes_at=local(closes))
    assert admin_client.post(url, data).json()["is_valid"]
    preview = admin_client.get(url)
    assert preview.status_code == 200
    assert text(soup(preview).h1) == "Bus routes"
