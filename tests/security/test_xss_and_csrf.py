"""Editors' and visitors' input never becomes script (QUALITY SEC-07), and
state-changing POSTs need a CSRF token (SEC-06)."""

import base64
import hashlib

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from consultations.factories import (
    ConsultationIndexPageFactory,
    ConsultationPageFactory,
)
from consultations.models import QuestionField
from stories.factories import StoryIndexPageFactory
from tests.consultations.conftest import answers, questions
from tests.html import soup
from tests.staff import sign_in, staff

pytestmark = pytest.mark.django_db

PAYLOADS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '<a href="javascript:alert(1)">click</a>',
    '"><svg onload=alert(1)>',
]


def csp_hash(source: str | None) -> str:
    digest = hashlib.sha256((source or "").encode()).digest()
    return f"'sha256-{base64.b64encode(digest).decode()}'"


def assert_inert(response):
    assert response.status_code == 200
    document = soup(response)
    for script in document.find_all("script"):
        # Only our own module, Wagtail's userbar, JSON data blocks and the
        # one inline line the Content Security Policy allows by its hash.
        assert (
            script.get("src")
            or script.get("type") == "application/json"
            or csp_hash(script.string) == settings.GOVUK_FRONTEND_SUPPORTED_SCRIPT_HASH
        ), script
    for element in document.find_all(True):
        for name, value in element.attrs.items():
            assert not name.lower().startswith("on"), element
            if name in ("href", "src", "action", "formaction"):
                assert not str(value).strip().lower().startswith("javascript:"), element


@pytest.fixture
def hub(home_page):
    return ConsultationIndexPageFactory(parent=home_page)


@pytest.mark.parametrize("payload", PAYLOADS)
def test_titles_and_rich_text_render_inert(client, hub, payload, settings):
    settings.CONSULTATION_MIN_FILL_SECONDS = 0
    page = ConsultationPageFactory(
        parent=hub,
        title=f"Parks {payload}",
        summary=payload,
        form_fields=[
            QuestionField(
                label=f"Why {payload}",
                help_text=payload,
                field_type="radio",
                choices=f"Yes\n{payload}",
            )
        ],
    )
    assert_inert(client.get(page.url))
    assert_inert(client.get(hub.url))


@pytest.mark.parametrize("payload", PAYLOADS)
def test_query_strings_of_listings_render_inert(client, hub, home_page, payload):
    stories = StoryIndexPageFactory(parent=home_page)
    for url in (hub.url, stories.url):
        assert_inert(client.get(url, {"q": payload, "topic": payload}))


@pytest.mark.parametrize("payload", PAYLOADS)
def test_rich_text_pasted_through_the_admin_form_is_cleaned(
    client, django_user_model, home_page, payload
):
    import json

    from wagtail.test.utils.form_data import nested_form_data, streamfield

    from home.factories import StandardPageFactory

    page = StandardPageFactory(parent=home_page, title="About")
    sign_in(client, staff(django_user_model, "mod", "Moderators"))
    data = nested_form_data(
        {
            "title": f"About {payload}",
            "slug": "about",
            "body": streamfield([("rich_text", json.dumps(contentstate(payload)))]),
            "action-publish": "publish",
        }
    )
    response = client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)
    assert response.status_code == 302, response.context["form"].errors
    page.refresh_from_db()
    assert_inert(client.get(page.url))


def contentstate(payload):
    """What Draftail sends when an editor pastes the payload as text and links
    it to a javascript: URL."""
    return {
        "blocks": [
            {
                "key": "a1b2c",
                "type": "unstyled",
                "depth": 0,
                "text": payload,
                "inlineStyleRanges": [],
                "entityRanges": [{"offset": 0, "length": len(payload), "key": 0}],
                "data": {},
            }
        ],
        "entityMap": {
            "0": {
                "type": "LINK",
                "mutability": "MUTABLE",
                "data": {"url": "javascript:alert(1)"},
            }
        },
    }


def test_the_response_form_refuses_a_post_without_a_token(hub, settings):
    settings.CONSULTATION_MIN_FILL_SECONDS = 0
    page = ConsultationPageFactory(parent=hub, form_fields=questions())
    strict = Client(enforce_csrf_checks=True)
    assert strict.get(page.url).status_code == 200
    assert strict.post(page.url, answers()).status_code == 403
    assert not page.get_submission_class().objects.exists()


def test_admin_login_and_edit_refuse_posts_without_a_token(
    django_user_model, home_page
):
    strict = Client(enforce_csrf_checks=True)
    login = strict.post(
        reverse("wagtailadmin_login"),
        {"username": "mod", "password": "not-a-real-password"},
    )
    assert login.status_code == 403
    sign_in(strict, staff(django_user_model, "mod", "Moderators"))
    edit = strict.post(
        reverse("wagtailadmin_pages:edit", args=[home_page.pk]),
        {"title": "Changed"},
    )
    assert edit.status_code == 403
    home_page.refresh_from_db()
    assert home_page.title != "Changed"
