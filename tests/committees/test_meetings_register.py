"""The meetings register (/meetings-and-decisions/meetings/): every
committee's meetings, upcoming soonest first or past newest first."""

import datetime

import pytest
from django.utils import timezone
from wagtail.models import PageViewRestriction

from committees.enums import MeetingStatus, MinutesStatus
from committees.factories import CommitteePageFactory, MeetingPageFactory
from tests.committees.conftest import DAY
from tests.html import soup, text
from tests.queries import count_queries

pytestmark = pytest.mark.django_db


def meetings_url(index, query=""):
    url = index.url + index.reverse_subpage("meetings_register")
    return f"{url}?{query}" if query else url


def titles(response):
    return [text(title) for title in soup(response).select(".engage-card__title")]


def meeting(committee, days_from_now, **extra):
    starts_at = timezone.now() + days_from_now * DAY
    extra.setdefault("title", f"Meeting in {days_from_now} days")
    return MeetingPageFactory(parent=committee, starts_at=starts_at, **extra)


@pytest.fixture
def diary(board, scrutiny):
    meeting(board, 10, title="Board in ten days")
    meeting(scrutiny, 3, title="Scrutiny in three days", location="Room 2")
    meeting(board, 40, title="Board postponed", status=MeetingStatus.POSTPONED)
    meeting(board, -7, title="Board last week", minutes_status=MinutesStatus.DRAFT)
    meeting(scrutiny, -30, title="Scrutiny last month")
    hidden = meeting(board, 5, title="SECRET restricted")
    PageViewRestriction.objects.create(
        page=hidden, restriction_type=PageViewRestriction.LOGIN
    )
    unpublished = meeting(board, 6, title="SECRET draft")
    unpublished.unpublish()


def test_upcoming_meetings_of_every_committee_soonest_first(client, index, diary):
    response = client.get(meetings_url(index))
    assert response.status_code == 200
    assert titles(response) == [
        "Overview and Scrutiny: Scrutiny in three days",
        "Health and Wellbeing Board: Board in ten days",
        "Health and Wellbeing Board: Board postponed",
    ]
    document = soup(response)
    assert text(document.h1) == "Meetings"
    assert "Postponed" in text(document.select(".engage-card")[2])
    assert "Room 2" in text(document.select(".engage-card")[0])
    assert "SECRET" not in response.text


def test_past_meetings_newest_first_with_their_minutes(client, index, diary):
    response = client.get(meetings_url(index, "when=past"))
    assert titles(response) == [
        "Health and Wellbeing Board: Board last week",
        "Overview and Scrutiny: Scrutiny last month",
    ]
    cards = soup(response).select(".engage-card")
    assert "Minutes: draft, subject to approval" in text(cards[0])
    assert "Minutes: not yet published" in text(cards[1])


def test_one_committees_meetings(client, index, diary):
    response = client.get(meetings_url(index, "when=past&committee=scrutiny"))
    assert titles(response) == ["Overview and Scrutiny: Scrutiny last month"]
    assert "1 found" in text(soup(response).find(id="results-heading"))


def test_a_committee_page_links_to_all_its_past_meetings(client, index, board, diary):
    document = soup(client.get(board.url))
    link = document.find(
        "a", string="See all past meetings of Health and Wellbeing Board"
    )
    assert link["href"] == meetings_url(index, "when=past&committee=health-board")
    assert titles(client.get(link["href"])) == [
        "Health and Wellbeing Board: Board last week"
    ]


def test_bad_filters_are_explained_and_the_rest_still_applies(client, index, diary):
    response = client.get(meetings_url(index, "when=soon&committee=scrutiny"))
    assert response.status_code == 200
    document = soup(response)
    assert text(document.title).startswith("Error: ")
    summary = text(document.select_one(".govuk-error-summary"))
    assert "Select which meetings to show from the list" in summary
    assert titles(response) == ["Overview and Scrutiny: Scrutiny in three days"]


def test_a_meeting_moves_from_upcoming_to_past_as_it_starts(client, index, board):
    from freezegun import freeze_time

    soon = meeting(board, 1, title="Tomorrow")
    with freeze_time(soon.starts_at + datetime.timedelta(minutes=1)):
        assert titles(client.get(meetings_url(index))) == []
        assert titles(client.get(meetings_url(index, "when=past"))) == [
            "Health and Wellbeing Board: Tomorrow"
        ]


def test_the_query_count_does_not_grow_with_the_meetings(client, index, board):
    for days in range(1, 4):
        meeting(board, days)
    few = count_queries(client, meetings_url(index))
    others = CommitteePageFactory(parent=index, title="Licensing")
    for days in range(4, 40):
        meeting(board if days % 2 else others, days)
    assert count_queries(client, meetings_url(index)) == few
    assert count_queries(client, meetings_url(index, "page=2")) == few
