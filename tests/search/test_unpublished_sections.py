"""A page below an unpublished page is neither served nor listed anywhere:
Wagtail would go on serving it (an editor who unpublishes a meeting without
ticking its items would leave the items and their minutes up)."""

import pytest
from django.utils import timezone
from lxml import etree

from committees.enums import MinutesStatus
from committees.factories import (
    AgendaItemPageFactory,
    CommitteeIndexPageFactory,
    CommitteePageFactory,
    MeetingPageFactory,
)
from committees.minutes import Resolution
from core.querysets import unpublished_sections
from stories.factories import StoryIndexPageFactory, StoryPageFactory
from tests.html import soup, text

pytestmark = pytest.mark.django_db

NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


@pytest.fixture
def meeting(search_updates, home_page):
    committee = CommitteePageFactory(
        parent=CommitteeIndexPageFactory(parent=home_page, slug="meetings"),
        title="Housing Committee",
    )
    meeting = MeetingPageFactory(
        parent=committee,
        title="Housing Committee, June",
        minutes_status=MinutesStatus.DRAFT,
        starts_at=timezone.now() - timezone.timedelta(days=7),
    )
    item = AgendaItemPageFactory(parent=meeting, title="Quayside housing scheme")
    Resolution.objects.create(page=item, text="To approve the Quayside scheme.")
    return meeting


@pytest.fixture
def item(meeting):
    return meeting.get_children().get().specific


def search_titles(client, words) -> list[str]:
    document = soup(client.get("/search/", {"q": words}))
    cards = document.select("ul[aria-labelledby=results-heading] .engage-card__title")
    return [text(card) for card in cards]


def sitemap_locations(client) -> list[str]:
    document = etree.fromstring(client.get("/sitemap.xml").content)
    return document.xpath("//sm:url/sm:loc/text()", namespaces=NS)


def decisions(client) -> str:
    return text(soup(client.get("/meetings/decisions/")).main)


def test_a_live_item_below_an_unpublished_meeting_is_not_served(client, item):
    assert client.get(item.url).status_code == 200
    item.get_parent().specific.unpublish()
    assert client.get(item.url).status_code == 404
    # Published again, it is back.
    item.get_parent().specific.save_revision().publish()
    assert client.get(item.url).status_code == 200


def test_nor_found_by_search_nor_in_the_sitemap_nor_the_registers(client, item):
    assert search_titles(client, "Quayside") == ["Quayside housing scheme"]
    assert any("quayside" in location for location in sitemap_locations(client))
    assert "To approve the Quayside scheme." in decisions(client)

    item.get_parent().specific.unpublish()

    assert search_titles(client, "Quayside") == []
    assert not any("quayside" in location for location in sitemap_locations(client))
    assert "To approve the Quayside scheme." not in decisions(client)


def test_a_whole_committee_taken_down_takes_its_meetings_off_listings(
    client, meeting, item, settings
):
    committee = meeting.get_parent().specific
    committee.unpublish()
    assert client.get(meeting.url).status_code == 404
    assert client.get(item.url).status_code == 404
    assert "Housing Committee, June" not in text(soup(client.get("/meetings/")).main)
    assert client.get(f"{committee.url}calendar/").status_code == 404
    calendar = client.get("/meetings/calendar/").content.decode()
    assert "Housing Committee, June" not in calendar


def test_only_the_outermost_unpublished_page_with_pages_below_counts(
    home_page, meeting
):
    stories = StoryIndexPageFactory(parent=home_page)
    StoryPageFactory(parent=stories, live=False)
    assert unpublished_sections() == ()  # a draft with nothing below it
    committee = meeting.get_parent().specific
    meeting.unpublish()
    assert unpublished_sections() == (meeting.path,)
    committee.unpublish()  # the meeting is inside it: one section
    assert unpublished_sections() == (committee.path,)


def test_a_preview_of_an_unpublished_meeting_still_shows_its_agenda(client, item):
    meeting = item.get_parent().specific
    meeting.unpublish()
    response = meeting.make_preview_request()
    assert response.status_code == 200
    assert "Quayside housing scheme" in response.content.decode()
    # And the public still gets nothing below it.
    assert client.get(item.url).status_code == 404
