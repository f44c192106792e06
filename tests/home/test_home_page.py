import datetime

import pytest
from django.utils import timezone

from committees.enums import MeetingStatus
from committees.factories import (
    CommitteeIndexPageFactory,
    CommitteePageFactory,
    MeetingPageFactory,
)
from consultations.factories import (
    ConsultationIndexPageFactory,
    ConsultationPageFactory,
)
from stories.factories import StoryIndexPageFactory, StoryPageFactory
from tests.html import section, soup, text
from tests.queries import count_queries

pytestmark = pytest.mark.django_db
NOW = timezone.now()
DAY = datetime.timedelta(days=1)


def build_sections(home):
    consultations = ConsultationIndexPageFactory(parent=home)
    committees = CommitteeIndexPageFactory(parent=home)
    committee = CommitteePageFactory(parent=committees, title="Planning Committee")
    stories = StoryIndexPageFactory(parent=home)
    # Decoys the home page must leave out.
    ConsultationPageFactory(
        parent=consultations,
        title="Closed",
        opens_at=NOW - 9 * DAY,
        closes_at=NOW - DAY,
    )
    ConsultationPageFactory(
        parent=consultations,
        title="Forthcoming",
        opens_at=NOW + DAY,
        closes_at=NOW + 9 * DAY,
    )
    ConsultationPageFactory(parent=consultations, title="Draft", live=False)
    MeetingPageFactory(parent=committee, title="Past", starts_at=NOW - DAY)
    MeetingPageFactory(
        parent=committee,
        title="Cancelled",
        starts_at=NOW + DAY / 2,
        status=MeetingStatus.CANCELLED,
    )
    return consultations, committee, stories


def add_items(sections, count, start=0):
    consultations, committee, stories = sections
    for n in range(start, start + count):
        ConsultationPageFactory(
            parent=consultations,
            title=f"Open {n}",
            opens_at=NOW - DAY,
            closes_at=NOW + (n + 1) * DAY,
        )
        MeetingPageFactory(
            parent=committee, title=f"Meeting {n}", starts_at=NOW + (n + 1) * DAY
        )
        StoryPageFactory(parent=stories, title=f"Story {n}")


def card_titles(document, heading_id):
    return [
        text(h) for h in section(document, heading_id).select(".engage-card__title")
    ]


def test_sections_show_soonest_first_and_skip_what_does_not_belong(client, home_page):
    add_items(build_sections(home_page), 5)
    document = soup(client.get("/"))
    assert card_titles(document, "open-consultations") == ["Open 0", "Open 1", "Open 2"]
    assert card_titles(document, "upcoming-meetings") == [
        "Meeting 0",
        "Meeting 1",
        "Meeting 2",
    ]
    assert card_titles(document, "latest-stories") == ["Story 4", "Story 3", "Story 2"]
    meeting_card = section(document, "upcoming-meetings").select_one(".engage-card")
    assert "Planning Committee" in text(meeting_card)
    see_all = section(document, "upcoming-meetings").find(
        "a", string="See all upcoming meetings"
    )
    meetings = soup(client.get(see_all["href"]))
    assert text(meetings.h1) == "Meetings"
    assert "Planning Committee: Meeting 4" in text(meetings.main)


def test_each_section_has_an_empty_state(client, home_page):
    document = soup(client.get("/"))
    assert "no open consultations" in text(section(document, "open-consultations"))
    assert "No meetings are scheduled" in text(section(document, "upcoming-meetings"))
    assert "No stories have been published" in text(section(document, "latest-stories"))


def test_query_count_does_not_grow_with_the_data(client, home_page):
    sections = build_sections(home_page)
    add_items(sections, 3)
    small = count_queries(client, "/")
    add_items(sections, 30, start=3)
    large = count_queries(client, "/")
    assert large == small
    assert small <= 15


def test_title_description_and_canonical(client, home_page):
    document = soup(client.get("/"))
    assert text(document.title) == f"{home_page.title} - Testvale Council"
    assert document.find("link", rel="canonical")["href"] == "http://localhost/"
    assert document.find("html")["lang"] == "en-GB"
