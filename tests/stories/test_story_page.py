"""A story page: every body block in place, quotes only with consent, the
email address out of the HTML, related pages and stories, bounded queries."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from freezegun import freeze_time
from wagtail.rich_text import RichText
from wagtail_factories import ImageFactory

from consultations.factories import (
    ConsultationIndexPageFactory,
    ConsultationPageFactory,
)
from places.factories import AreaFactory
from stories import models as stories_models
from stories.factories import QuotedPersonFactory, StoryPageFactory
from stories.models import StoryPage, StoryRelatedPage
from tests.html import section, soup, text
from tests.queries import count_queries


def flat(element) -> str:
    """Text as read, without the spaces text() puts between elements."""
    return " ".join(element.get_text().split())


pytestmark = pytest.mark.django_db


def quote(person, words="We did it together."):
    return ("pull_quote", {"person": person, "quote": words})


def figure(**overrides):
    return {
        "value": Decimal(17),
        "unit": "families",
        "label": "supported in six weeks",
        "baseline": None,
        "target": None,
        "measured_on": datetime.date(2026, 10, 30),
        "source": "Project volunteers",
        **overrides,
    }


def cta(**overrides):
    return (
        "call_to_action",
        {
            "text": RichText("<p>Want to help?</p>"),
            "link_url": "",
            "link_text": "",
            "email": "helpers@northvale.example",
            "email_label": "the project team",
            **overrides,
        },
    )


def story_html(client, story):
    response = client.get(story.url)
    assert response.status_code == 200
    return response


# Quotes and consent ---------------------------------------------------------


def test_a_quote_with_current_consent_names_the_person(client, story_index):
    person = QuotedPersonFactory(
        name="Amira Patel", role="Coordinator", organisation="Eastside Pantry"
    )
    story = StoryPageFactory(
        parent=story_index, body=[quote(person, "Seat at the table.")]
    )
    document = soup(story_html(client, story))
    figure_el = document.select_one("main figure.engage-quote")
    assert text(figure_el.find("blockquote")) == "\u201cSeat at the table.\u201d"
    assert (
        flat(figure_el.find("figcaption"))
        == "Amira Patel, Coordinator, Eastside Pantry"
    )


@pytest.mark.parametrize(
    "consent",
    [
        {"consent_recorded": False, "consent_recorded_on": None},
        {"consent_expires_on": datetime.date(2026, 12, 31)},
    ],
    ids=["not recorded", "expired"],
)
def test_a_quote_without_current_consent_renders_nothing(client, story_index, consent):
    person = QuotedPersonFactory(name="Withheld Person", **consent)
    story = StoryPageFactory(
        parent=story_index,
        body=[
            ("rich_text", RichText("<p>Before.</p>")),
            quote(person, "Secret words."),
        ],
    )
    with freeze_time("2027-01-01"):
        response = story_html(client, story)
    body = text(soup(response).main)
    assert "Before." in body
    assert "Secret words" not in response.content.decode()
    assert "Withheld Person" not in response.content.decode()
    assert soup(response).select("main blockquote") == []


def test_a_quote_disappears_the_day_after_consent_ends(client, story_index):
    person = QuotedPersonFactory(consent_expires_on=datetime.date(2026, 12, 31))
    story = StoryPageFactory(parent=story_index, body=[quote(person, "Timed words.")])
    with freeze_time("2026-12-31 12:00"):
        assert "Timed words." in story_html(client, story).content.decode()
    with freeze_time("2027-01-01 12:00"):
        assert "Timed words." not in story_html(client, story).content.decode()


def test_the_editor_cannot_save_a_quote_without_consent(story_index):
    person = QuotedPersonFactory(consent_recorded=False, consent_recorded_on=None)
    block = StoryPageFactory._meta.model.body.field.stream_block.child_blocks[
        "pull_quote"
    ]
    with pytest.raises(ValidationError) as error:
        block.clean(block.to_python({"person": person.pk, "quote": "Words."}))
    assert "no current consent" in str(error.value.block_errors["person"])


def test_consent_needs_a_date_and_cannot_end_before_it_starts():
    with pytest.raises(ValidationError) as missing:
        QuotedPersonFactory.build(consent_recorded_on=None).full_clean()
    assert "consent_recorded_on" in missing.value.message_dict
    with pytest.raises(ValidationError) as backwards:
        QuotedPersonFactory.build(
            consent_recorded_on=datetime.date(2026, 9, 1),
            consent_expires_on=datetime.date(2026, 8, 1),
        ).full_clean()
    assert "consent_expires_on" in backwards.value.message_dict


# Figures, outcomes, call to action, video -----------------------------------


def test_outcome_figures_show_value_unit_label_baseline_target_date_and_source(
    client, story_index
):
    story = StoryPageFactory(
        parent=story_index,
        body=[
            (
                "outcome_figures",
                {
                    "figures": [
                        figure(),
                        figure(
                            value=Decimal("12500"),
                            unit="%",
                            label="more visits",
                            baseline=Decimal("40"),
                            target=Decimal("62.5"),
                        ),
                    ]
                },
            )
        ],
    )
    items = soup(story_html(client, story)).select(
        "main ul.engage-outcome-figures > li"
    )
    assert [text(item.find("p")) for item in items] == ["17 families", "12,500%"]
    assert "supported in six weeks" in text(items[0])
    assert "Starting point" not in text(items[0])
    assert "Starting point: 40%. Target: 62.5%." in flat(items[1])
    assert items[0].find("time")["datetime"] == "2026-10-30"
    assert text(items[0].select_one(".engage-card__meta")) == (
        "Source: Project volunteers, 30 October 2026"
    )


def test_outcomes_list_has_a_title_and_text_each(client, story_index):
    story = StoryPageFactory(
        parent=story_index,
        body=[
            (
                "outcomes_list",
                {
                    "outcomes": [
                        {"title": "Safer streets", "text": "Patrols were targeted."},
                        {"title": "Funding", "text": "Two centres got new money."},
                    ]
                },
            )
        ],
    )
    items = soup(story_html(client, story)).select("main ul.engage-outcomes > li")
    assert [text(item.find("strong")) for item in items] == ["Safer streets", "Funding"]
    assert flat(items[1]) == "Funding: Two centres got new money."


def test_the_email_address_is_not_in_the_story_html(client, story_index):
    story = StoryPageFactory(parent=story_index, body=[cta()])
    response = story_html(client, story)
    html = response.content.decode()
    assert "helpers@northvale.example" not in html
    assert "helpers" not in html
    link = soup(response).find("a", string="Email the project team")
    assert link["rel"] == ["nofollow"]
    contact = client.get(link["href"])
    assert contact.status_code == 200
    assert contact["X-Robots-Tag"] == "noindex, nofollow"
    mailto = soup(contact).select_one("main a[href^='mailto:']")
    assert mailto["href"] == "mailto:helpers@northvale.example"
    assert text(soup(contact).find("h1")) == "Email the project team"


def test_contact_addresses_of_other_blocks_are_not_found(client, story_index):
    story = StoryPageFactory(
        parent=story_index, body=[cta(), quote(QuotedPersonFactory())]
    )
    quote_id = story.body[1].id
    assert client.get(f"{story.url}contact/{quote_id}/").status_code == 404
    fake = "00000000-0000-4000-8000-000000000000"
    assert client.get(f"{story.url}contact/{fake}/").status_code == 404
    assert client.get(f"{story.url}contact/not-a-uuid/").status_code == 404


def test_call_to_action_link_and_its_rules():
    block = StoryPageFactory._meta.model.body.field.stream_block.child_blocks[
        "call_to_action"
    ]
    value = block.to_python(
        {"text": "<p>Go</p>", "link_url": "https://example.org/", "link_text": ""}
    )
    with pytest.raises(ValidationError) as error:
        block.clean(value)
    assert "link_text" in error.value.block_errors
    value = block.to_python({"text": "<p>Go</p>", "email": "a@example.org"})
    with pytest.raises(ValidationError) as error:
        block.clean(value)
    assert "email_label" in error.value.block_errors


def test_video_is_a_link_and_nothing_is_fetched(client, story_index, monkeypatch):
    def no_network(*args, **kwargs):
        raise AssertionError("The page tried to fetch an embed")

    monkeypatch.setattr("wagtail.embeds.embeds.get_embed", no_network)
    monkeypatch.setattr("urllib.request.urlopen", no_network)
    story = StoryPageFactory(
        parent=story_index,
        body=[
            (
                "video",
                {
                    "url": "https://www.youtube.com/watch?v=abc",
                    "title": "A morning at the room",
                    "duration": "3 minutes",
                    "transcript_url": "https://example.org/transcript",
                },
            )
        ],
    )
    document = soup(story_html(client, story))
    video = document.select_one("main .engage-video")
    watch = video.find("a", href="https://www.youtube.com/watch?v=abc")
    assert text(watch) == "Watch the video: A morning at the room"
    assert "(on youtube.com, 3 minutes)" in text(video)
    assert video.find("a", href="https://example.org/transcript")
    assert document.find("iframe") is None


# Hero image ----------------------------------------------------------------


def test_hero_image_needs_alt_text_unless_decorative(story_index):
    image = ImageFactory()
    story = StoryPageFactory.build(hero_image=image, hero_image_alt="")
    with pytest.raises(ValidationError) as error:
        story.clean()
    assert "hero_image_alt" in error.value.message_dict
    story.hero_image_decorative = True
    story.clean()


def test_hero_image_renders_with_its_alt_text(client, story_index):
    image = ImageFactory()
    story = StoryPageFactory(
        parent=story_index, hero_image=image, hero_image_alt="Volunteers at work"
    )
    img = soup(story_html(client, story)).select_one("main figure img")
    assert img["alt"] == "Volunteers at work"
    assert int(img["width"]) <= 960


def test_decorative_hero_image_has_empty_alt(client, story_index):
    story = StoryPageFactory(
        parent=story_index,
        hero_image=ImageFactory(),
        hero_image_alt="Ignored",
        hero_image_decorative=True,
    )
    img = soup(story_html(client, story)).select_one("main figure img")
    assert img["alt"] == ""


# Tags, places, related pages and stories -----------------------------------


def test_tags_link_to_their_pages_and_places_are_listed(client, story_index):
    story = StoryPageFactory(
        parent=story_index,
        tags=["Health", "Community safety"],
        areas=[AreaFactory(name="Eastside"), AreaFactory(name="Greenway")],
    )
    topics = section(soup(story_html(client, story)), "story-topics")
    links = {text(a): a["href"] for a in topics.find_all("a")}
    assert links == {
        "Community safety stories": "/success-stories/tag/community-safety/",
        "Health stories": "/success-stories/tag/health/",
    }
    assert "Eastside, Greenway" in text(topics)


def test_related_consultations_show_only_when_live(client, home_page, story_index):
    hub = ConsultationIndexPageFactory(parent=home_page)
    live = ConsultationPageFactory(parent=hub, title="Working with communities")
    draft = ConsultationPageFactory(parent=hub, title="Draft plan", live=False)
    story = StoryPageFactory(
        parent=story_index,
        related_pages=[StoryRelatedPage(page=draft), StoryRelatedPage(page=live)],
    )
    related = section(soup(story_html(client, story)), "story-related")
    assert [text(li) for li in related.find_all("li")] == [
        "Working with communities (Consultation)"
    ]
    assert related.find("a")["href"] == live.url


def test_related_stories_share_tags_most_first(client, story_index):
    story = StoryPageFactory(parent=story_index, tags=["Health", "Funding", "Housing"])
    StoryPageFactory(parent=story_index, title="One shared", tags=["Health"])
    StoryPageFactory(parent=story_index, title="Two shared", tags=["Health", "Funding"])
    StoryPageFactory(parent=story_index, title="Unrelated", tags=["Parks"])
    StoryPageFactory(parent=story_index, title="Draft", tags=["Health"], live=False)
    StoryPageFactory(parent=story_index, title="Newer one shared", tags=["Housing"])
    more = section(soup(story_html(client, story)), "story-more")
    assert [text(h) for h in more.select(".engage-card__title")] == [
        "Two shared",
        "Newer one shared",
        "One shared",
    ]


def more_titles(client, story) -> list[str]:
    more = section(soup(story_html(client, story)), "story-more")
    return [text(h) for h in more.select(".engage-card__title")] if more else []


def test_related_stories_are_kept_until_content_changes(client, story_index):
    story = StoryPageFactory(parent=story_index, tags=["Health"])
    StoryPageFactory(parent=story_index, title="Clinic hours", tags=["Health"])
    assert more_titles(client, story) == ["Clinic hours"]
    with CaptureQueriesContext(connection) as queries:
        assert more_titles(client, story) == ["Clinic hours"]
    assert not [q for q in queries if "shared_tags" in q["sql"]]
    StoryPageFactory(parent=story_index, title="Walking group", tags=["Health"])
    assert more_titles(client, story) == ["Walking group", "Clinic hours"]


def test_a_preview_of_an_unsaved_story_is_never_kept(rf, story_index):
    shared = StoryPageFactory(parent=story_index, title="Clinic hours", tags=["Health"])
    request = rf.get("/")
    request.is_preview = True
    assert StoryPage(title="Not saved yet").related_stories(request) == ()
    # Nothing kept under "no story" (a key every unsaved story would share).
    assert None not in stories_models._related_stories._store
    story = StoryPageFactory(parent=story_index, tags=["Health"])
    assert story.related_stories(rf.get("/")) == (shared,)


def test_a_story_without_tags_has_no_related_stories(client, story_index):
    story = StoryPageFactory(parent=story_index)
    StoryPageFactory(parent=story_index, tags=["Health"])
    assert section(soup(story_html(client, story)), "story-more") is None


def rich_story(index, size):
    people = [QuotedPersonFactory() for _ in range(size)]
    tags = [f"Topic {n}" for n in range(size)]
    story = StoryPageFactory(
        parent=index,
        tags=tags,
        areas=[AreaFactory() for _ in range(size)],
        body=[quote(person) for person in people]
        + [("outcome_figures", {"figures": [figure()] * size}), cta()],
    )
    for n in range(size):
        StoryPageFactory(parent=index, tags=tags[: n + 1])
    return story


def test_story_page_queries_do_not_grow_with_its_content(client, story_index):
    small = count_queries(client, rich_story(story_index, 1).url)
    large = count_queries(client, rich_story(story_index, 6).url)
    assert large == small
    assert small <= 20
