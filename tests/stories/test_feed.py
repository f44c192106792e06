"""The RSS feed, read back by a real feed parser."""

import datetime
import html

import feedparser
import pytest

from stories.factories import StoryPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def stories(story_index):
    StoryPageFactory(
        parent=story_index,
        title="Older",
        published_on=datetime.date(2026, 10, 1),
        tags=["Health"],
    )
    StoryPageFactory(
        parent=story_index,
        title="Newer & better",
        published_on=datetime.date(2026, 11, 1),
        summary="Clinics <moved> closer.",
        tags=["Health", "Funding"],
    )
    StoryPageFactory(parent=story_index, title="Draft", live=False, tags=["Health"])
    return story_index


def parse(client, path):
    response = client.get(path)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception
    return feed


def test_feed_lists_live_stories_newest_first(client, stories):
    feed = parse(client, "/success-stories/feed/")
    assert feed.version == "rss20"
    assert feed.feed.title == "Success stories - Testvale Council"
    assert feed.feed.link == "http://localhost/success-stories/"
    assert [entry.title for entry in feed.entries] == ["Newer & better", "Older"]
    newest = feed.entries[0]
    assert newest.link == "http://localhost/success-stories/newer-better/"
    # Plain text survives the trip through HTML: nothing is lost or injected.
    assert html.unescape(newest.summary) == "Clinics <moved> closer."
    assert {tag.term for tag in newest.tags} == {"Health", "Funding"}
    assert newest.published_parsed[:3] == (2026, 11, 1)


def test_tag_feed_has_only_that_tag(client, stories):
    feed = parse(client, "/success-stories/tag/funding/feed/")
    assert feed.feed.title == "Success stories: Funding - Testvale Council"
    assert [entry.title for entry in feed.entries] == ["Newer & better"]


def test_feed_links_resolve_to_the_stories(client, stories):
    feed = parse(client, "/success-stories/feed/")
    for entry in feed.entries:
        path = entry.link.removeprefix("http://localhost")
        assert client.get(path).status_code == 200
