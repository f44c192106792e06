"""Editors draft stories in the admin; Moderators approve them through
Wagtail's workflow; scheduled publishing; the accessibility checker."""

import datetime
import io
import json

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from freezegun import freeze_time
from wagtail.models import WorkflowState
from wagtail.test.utils.form_data import (
    inline_formset,
    nested_form_data,
    rich_text,
    streamfield,
)
from wagtail_factories import ImageFactory

from consultations.factories import (
    ConsultationIndexPageFactory,
    ConsultationPageFactory,
)
from places.factories import AreaFactory
from stories.factories import QuotedPersonFactory, StoryPageFactory
from stories.models import StoryPage
from tests.html import section, soup, text
from tests.staff import sign_in, staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(django_user_model):
    return staff(django_user_model, "ed", "Editors")


@pytest.fixture
def moderator(django_user_model):
    return staff(django_user_model, "mo", "Moderators")


def list_block(items):
    """ListBlock form data, the counterpart of form_data.streamfield."""
    data = {
        str(index): {"value": value, "deleted": "", "order": str(index)}
        for index, value in enumerate(items)
    }
    data["count"] = str(len(items))
    return data


def story_form(title, action, body=None, related=(), **fields):
    return nested_form_data(
        {
            "title": title,
            "slug": title.lower().replace(" ", "-"),
            "published_on": "2026-10-14",
            "summary": "What changed.",
            "hero_image_alt": "",
            "body": streamfield(
                body or [("rich_text", rich_text("<p>How it happened.</p>"))]
            ),
            "tags": "",
            "related_pages": inline_formset([{"page": pk} for pk in related]),
            action: action.removeprefix("action-"),
            **fields,
        }
    )


def add_url(index):
    return reverse("wagtailadmin_pages:add", args=("stories", "storypage", index.pk))


def submit(client, index, title, **kwargs):
    response = client.post(add_url(index), story_form(title, "action-submit", **kwargs))
    assert response.status_code == 302, response.context["form"].errors
    return StoryPage.objects.get(title=title)


def approve(client, story):
    task_state = WorkflowState.objects.get(
        object_id=str(story.pk), status="in_progress"
    ).current_task_state
    url = reverse(
        "wagtailadmin_pages:workflow_action",
        args=(story.pk, "approve", task_state.pk),
    )
    return client.post(url, {"comment": ""})


def test_an_editor_cannot_publish_directly(client, editor, story_index):
    sign_in(client, editor)
    response = client.post(
        add_url(story_index), story_form("Straight out", "action-publish")
    )
    assert response.status_code == 302
    story = StoryPage.objects.get(title="Straight out")
    assert not story.live
    assert not WorkflowState.objects.filter(object_id=str(story.pk)).exists()
    assert client.get("/success-stories/straight-out/").status_code == 404


def test_an_editor_cannot_publish_an_existing_story_either(client, editor, story_index):
    story = StoryPageFactory(parent=story_index, title="Draft", live=False)
    sign_in(client, editor)
    url = reverse("wagtailadmin_pages:edit", args=(story.pk,))
    response = client.post(url, story_form("Draft", "action-publish"))
    assert response.status_code == 302
    story.refresh_from_db()
    assert not story.live
    assert story.has_unpublished_changes


def test_submitted_story_waits_for_a_moderator_who_publishes_it(
    client, editor, moderator, story_index
):
    sign_in(client, editor)
    story = submit(client, story_index, "For approval")
    state = WorkflowState.objects.get(object_id=str(story.pk))
    assert state.status == "in_progress"
    assert state.workflow.name == "Moderators approval"
    assert not story.live
    # The editor is not among the approvers: Wagtail turns them away.
    refused = approve(client, story)
    assert refused.status_code == 302
    assert refused["Location"] == reverse("wagtailadmin_home")
    story.refresh_from_db()
    assert not story.live

    sign_in(client, moderator)
    response = approve(client, story)
    assert response.status_code == 302
    story.refresh_from_db()
    assert story.live
    state.refresh_from_db()
    assert state.status == "approved"


def test_scheduled_story_goes_live_at_its_time(client, moderator, story_index):
    sign_in(client, moderator)
    # Noon, two days on: never the hour a clock change skips or repeats.
    go_live = (timezone.localtime() + datetime.timedelta(days=2)).replace(
        hour=12, minute=0, second=0, microsecond=0
    )
    response = client.post(
        add_url(story_index),
        story_form(
            "Scheduled",
            "action-publish",
            go_live_at=go_live.strftime("%Y-%m-%d %H:%M"),
        ),
    )
    assert response.status_code == 302
    story = StoryPage.objects.get(title="Scheduled")
    assert not story.live
    assert story.scheduled_revision is not None
    call_command("publish_scheduled", stdout=io.StringIO())
    story.refresh_from_db()
    assert not story.live

    with freeze_time(go_live + datetime.timedelta(minutes=1)):
        call_command("publish_scheduled", stdout=io.StringIO())
    story.refresh_from_db()
    assert story.live
    assert client.get(story.url).status_code == 200


def test_accessibility_checker_is_in_the_userbar_for_editors(
    client, editor, story_index
):
    story = StoryPageFactory(parent=story_index)
    sign_in(client, editor)
    document = soup(client.get(story.url))
    userbar = document.find("wagtail-userbar")
    assert userbar is not None
    # Wagtail's content checker runs axe-core from the userbar with this.
    configuration = document.find("script", id="checker-axe-configuration")
    assert "runOnly" in json.loads(configuration.string)["options"]
    assert document.find("button", id="checker-trigger") is not None


def test_visitors_get_no_userbar(client, story_index):
    story = StoryPageFactory(parent=story_index)
    assert soup(client.get(story.url)).find("wagtail-userbar") is None


def test_editors_see_the_consent_of_quoted_people(client, editor):
    QuotedPersonFactory(
        name="Amira Patel", consent_expires_on=datetime.date(2099, 1, 1)
    )
    QuotedPersonFactory(name="No Consent", consent_recorded=False)
    sign_in(client, editor)
    response = client.get(reverse("wagtailsnippets_stories_quotedperson:list"))
    assert response.status_code == 200
    # The listing's rows: the admin's keyboard shortcuts dialog has a table
    # too (inside a <template>, which older soupsieve releases also search).
    rows = {
        text(title): text(row)
        for row in soup(response).select("tbody tr")
        if (title := row.find("td", class_="title"))
    }
    assert len(rows) == 2
    assert any("Current until 1 January 2099" in row for row in rows.values())
    assert any("Not recorded" in row for row in rows.values())


@pytest.mark.parametrize("group", ["Editors", "Moderators"])
def test_staff_can_add_quoted_people_and_places(client, django_user_model, group):
    sign_in(client, staff(django_user_model, "someone", group))
    for model in ("stories_quotedperson", "places_area"):
        url = reverse(f"wagtailsnippets_{model}:add")
        assert client.get(url).status_code == 200


def test_an_editor_writes_a_whole_story_a_moderator_publishes_and_a_resident_finds_it(
    client, editor, moderator, home_page, story_index
):
    """The issue's "done when": every element in its place, through the admin."""
    hub = ConsultationIndexPageFactory(parent=home_page)
    consultation = ConsultationPageFactory(parent=hub, title="Working together")
    person = QuotedPersonFactory(name="Jo Rivers", role="Director", organisation="Hub")
    eastside = AreaFactory(name="Eastside")
    image = ImageFactory()
    body = [
        ("rich_text", rich_text("<p>A room became a hub.</p>")),
        ("pull_quote", {"person": person.pk, "quote": "Small steps matter."}),
        ("heading", {"text": "What changed", "level": "h2"}),
        (
            "image",
            {
                "image": {"image": image.pk, "alt_text": "The room", "decorative": ""},
                "caption": "The room on its first day",
            },
        ),
        (
            "outcome_figures",
            {
                "figures": list_block(
                    [
                        {
                            "value": "17",
                            "unit": "families",
                            "label": "supported",
                            "baseline": "",
                            "target": "20",
                            "measured_on": "2026-10-30",
                            "source": "Volunteers",
                        },
                        {
                            "value": "46",
                            "unit": "individuals",
                            "label": "supported",
                            "baseline": "",
                            "target": "",
                            "measured_on": "2026-10-30",
                            "source": "Volunteers",
                        },
                    ]
                )
            },
        ),
        (
            "outcomes_list",
            {
                "outcomes": list_block(
                    [
                        {"title": "Safer streets", "text": "Patrols were targeted."},
                        {"title": "Events", "text": "A summer fair."},
                    ]
                )
            },
        ),
        (
            "call_to_action",
            {
                "text": rich_text("<p>Help run the room.</p>"),
                "link_url": "",
                "link_text": "",
                "email": "room@northvale.example",
                "email_label": "the room team",
            },
        ),
        (
            "video",
            {
                "url": "https://video.example.org/room",
                "title": "The room",
                "duration": "",
                "transcript_url": "",
            },
        ),
    ]
    sign_in(client, editor)
    data = story_form(
        "The room",
        "action-submit",
        body=body,
        related=[consultation.pk],
        tags="Community safety, Volunteering",
        hero_image=image.pk,
        hero_image_alt="Residents at the opening",
    )
    data["areas"] = [eastside.pk]
    response = client.post(add_url(story_index), data)
    assert response.status_code == 302, response.context["form"].errors
    story = StoryPage.objects.get(title="The room")
    assert not story.live

    sign_in(client, moderator)
    assert approve(client, story).status_code == 302
    client.logout()

    tag_page = client.get("/success-stories/tag/volunteering/")
    link = soup(tag_page).find("a", string="The room")
    document = soup(client.get(link["href"]))
    main = document.find("main")
    assert main.select_one("figure img")["alt"] == "Residents at the opening"
    assert text(main.select_one("figure.engage-quote blockquote")) == (
        "\u201cSmall steps matter.\u201d"
    )
    assert text(main.find("h2")) == "What changed"
    assert main.find("figcaption", string="The room on its first day")
    figures = main.select("ul.engage-outcome-figures > li")
    assert [text(item.find("p")) for item in figures] == [
        "17 families",
        "46 individuals",
    ]
    assert len(main.select("ul.engage-outcomes > li")) == 2
    assert main.find("a", string="Email the room team")
    assert "room@northvale.example" not in str(main)
    assert main.find("a", href="https://video.example.org/room")
    topics = section(document, "story-topics")
    assert {text(a) for a in topics.find_all("a")} == {
        "Community safety stories",
        "Volunteering stories",
    }
    assert "Eastside" in text(topics)
    related = section(document, "story-related")
    assert text(related.find("a")) == "Working together"


def test_the_add_form_shows_every_story_field(client, editor, story_index):
    AreaFactory(name="Eastside")
    sign_in(client, editor)
    document = soup(client.get(add_url(story_index)))
    names = {field.get("name") for field in document.find_all(["input", "textarea"])}
    for name in (
        "published_on",
        "summary",
        "hero_image",
        "hero_image_alt",
        "hero_image_decorative",
        "tags",
        "areas",
        "related_pages-TOTAL_FORMS",
        "go_live_at",
    ):
        assert name in names, name


def preview(client, url, data):
    assert client.post(url, data).json()["is_valid"]
    response = client.get(url)
    assert response.status_code == 200
    return response


def test_preview_of_a_new_story_with_every_block(client, editor, story_index):
    sign_in(client, editor)
    person = QuotedPersonFactory(name="Jo Rivers")
    body = [
        ("pull_quote", {"person": person.pk, "quote": "Small steps matter."}),
        (
            "call_to_action",
            {
                "text": rich_text("<p>Help.</p>"),
                "link_url": "",
                "link_text": "",
                "email": "room@northvale.example",
                "email_label": "the room team",
            },
        ),
    ]
    url = reverse(
        "wagtailadmin_pages:preview_on_add",
        args=("stories", "storypage", story_index.pk),
    )
    data = story_form("Preview me", "action-submit", body=body, tags="Health")
    response = preview(client, url, data)
    html = response.content.decode()
    assert "Small steps matter." in html
    # Not live yet, so no contact address to link to; never the address itself.
    assert "room@northvale.example" not in html


def test_preview_of_the_index_and_an_edited_story(client, editor, story_index):
    story = StoryPageFactory(parent=story_index, title="Edited", tags=["Health"])
    sign_in(client, editor)
    url = reverse("wagtailadmin_pages:preview_on_edit", args=(story.pk,))
    assert (
        "Edited again"
        in preview(
            client, url, story_form("Edited again", "action-submit")
        ).content.decode()
    )
    index_url = reverse("wagtailadmin_pages:preview_on_edit", args=(story_index.pk,))
    index_data = nested_form_data(
        {"title": "Success stories", "slug": "success-stories", "intro": rich_text("")}
    )
    assert "Edited" in preview(client, index_url, index_data).content.decode()


def test_related_pages_must_be_consultations_or_meetings(
    client, editor, home_page, story_index
):
    sign_in(client, editor)
    response = client.post(
        add_url(story_index),
        story_form("Odd link", "action-submit", related=[home_page.pk]),
    )
    assert response.status_code == 200
    assert "Choose a consultation or a meeting." in response.content.decode()
    assert not StoryPage.objects.filter(title="Odd link").exists()
