"""The two demo stories have every element a story can have, and loading the
demo again adds nothing."""

import io

import pytest
from django.core.management import call_command

from places.models import Area
from stories.models import QuotedPerson, StoryPage
from tests.html import section, soup, text

pytestmark = pytest.mark.django_db

FORUM = "/success-stories/community-leaders-forum-three-years/"
ROOM = "/success-stories/greenway-court-community-room/"


def block_types(story):
    return {block.block_type for block in story.body}


def test_demo_stories_use_every_element(demo_site):
    forum = StoryPage.objects.get(slug="community-leaders-forum-three-years")
    room = StoryPage.objects.get(slug="greenway-court-community-room")
    assert {"pull_quote", "outcomes_list", "outcome_figures", "call_to_action"} <= (
        block_types(forum)
    )
    assert {"pull_quote", "outcome_figures", "video", "call_to_action"} <= (
        block_types(room)
    )
    assert room.hero_image is not None and room.hero_image_decorative
    assert {tag.name for tag in forum.tags.all()} & {
        tag.name for tag in room.tags.all()
    }
    assert forum.areas.exists() and room.areas.exists()
    assert [link.page.slug for link in forum.related_pages.all()] == [
        "working-with-communities-2027-2031",
        "meeting-held",
    ]
    assert all(person.consent_is_current() for person in QuotedPerson.objects.all())


def test_demo_stories_render_their_quotes_figures_and_links(client, demo_site):
    room = soup(client.get(ROOM))
    assert len(room.select("main figure.engage-quote")) == 2
    figures = [text(li.find("p")) for li in room.select(".engage-outcome-figures > li")]
    assert figures == ["18 families", "41 individuals", "4 sessions a week"]
    forum = soup(client.get(FORUM))
    assert len(forum.select("main ul.engage-outcomes > li")) == 4
    assert section(forum, "story-related").find(
        "a", href="/have-your-say/working-with-communities-2027-2031/"
    )
    more = section(forum, "story-more")
    assert more.find("a", href=ROOM)


def test_loading_the_demo_again_adds_nothing(demo_site):
    counts = (QuotedPerson.objects.count(), Area.objects.count())
    stories = StoryPage.objects.count()
    call_command("load_demo_content", stdout=io.StringIO())
    assert (QuotedPerson.objects.count(), Area.objects.count()) == counts
    assert StoryPage.objects.count() == stories
