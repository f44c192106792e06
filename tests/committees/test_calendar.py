"""iCalendar feeds of meetings: the section's and each committee's.

Most tests call the feed view with a request, and read its response back with
icalendar as a calendar program would; the last ones fetch the feeds at their
pages' routes."""

import datetime
import zoneinfo

import icalendar
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import PageViewRestriction

from committees import calendar
from committees.enums import MeetingStatus
from committees.factories import (
    CommitteePageFactory,
    MeetingPageFactory,
)

pytestmark = pytest.mark.django_db

UK = zoneinfo.ZoneInfo("Europe/London")
UTC = datetime.UTC
NOW = timezone.now()
DAY = datetime.timedelta(days=1)
# Always ahead, so always in the feed.
YEAR = timezone.localdate().year + 1


def uk(*args) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=UK)


def last_sunday_of_march(year: int) -> datetime.date:
    day = datetime.date(year, 3, 31)
    return day - datetime.timedelta(days=(day.weekday() + 1) % 7)


@pytest.fixture
def committee(index):
    return CommitteePageFactory(parent=index, title="Health and Wellbeing Board")


@pytest.fixture
def other_committee(index):
    return CommitteePageFactory(parent=index, title="Planning Committee")


def meeting(committee, title, starts_at=None, **fields):
    starts_at = starts_at or NOW + 14 * DAY
    fields.setdefault("ends_at", starts_at + datetime.timedelta(hours=2))
    return MeetingPageFactory(
        parent=committee, title=title, starts_at=starts_at, **fields
    )


def get_feed(rf, **page):
    response = calendar.meetings_calendar(rf.get("/"), **page)
    assert response.status_code == 200
    return response


def read(response) -> icalendar.Calendar:
    return icalendar.Calendar.from_ical(response.content)


def events(response) -> dict[str, icalendar.Event]:
    return {str(event["SUMMARY"]): event for event in read(response).events}


# What each meeting says


def test_a_meeting_is_one_event_with_what_a_calendar_needs(rf, committee):
    spring = meeting(
        committee,
        "Spring meeting",
        starts_at=uk(YEAR, 4, 14, 18),
        location="Council Chamber, Civic Centre",
        online_url="https://meet.example.org/spring",
        webcast_url="https://webcast.example.org/spring",
    )

    response = get_feed(rf, committee=committee)

    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == (
        'inline; filename="health-and-wellbeing-board-meetings.ics"'
    )
    feed = read(response)
    assert feed["PRODID"] == calendar.PRODID
    assert feed["VERSION"] == "2.0"
    assert (
        feed["X-WR-CALNAME"] == "Testvale Council: Health and Wellbeing Board meetings"
    )
    [event] = feed.events
    assert event["UID"] == f"meeting-{spring.pk}@localhost"
    assert event["SUMMARY"] == "Health and Wellbeing Board: Spring meeting"
    assert event["LOCATION"] == "Council Chamber, Civic Centre"
    assert event["URL"] == f"http://testserver{spring.url}"
    assert event["STATUS"] == "CONFIRMED"
    assert event.DTSTAMP.tzinfo is not None
    assert event.DTSTAMP.utcoffset() == datetime.timedelta(0)
    description = str(event["DESCRIPTION"]).splitlines()
    assert description == [
        f"Agenda, papers and minutes: http://testserver{spring.url}",
        "Join online: https://meet.example.org/spring",
        "Webcast: https://webcast.example.org/spring",
    ]


def test_times_are_uk_time_in_winter_and_summer(rf, committee):
    meeting(committee, "Winter", starts_at=uk(YEAR, 1, 15, 18))
    meeting(committee, "Summer", starts_at=uk(YEAR, 7, 15, 18))

    response = get_feed(rf, committee=committee)

    found = events(response)
    winter = found["Health and Wellbeing Board: Winter"]
    summer = found["Health and Wellbeing Board: Summer"]
    # The same instants as stored: 6pm GMT is 18:00 UTC, 6pm BST 17:00 UTC.
    assert winter.start == datetime.datetime(YEAR, 1, 15, 18, tzinfo=UTC)
    assert summer.start == datetime.datetime(YEAR, 7, 15, 17, tzinfo=UTC)
    assert summer.end == datetime.datetime(YEAR, 7, 15, 19, tzinfo=UTC)
    # ...written as the UK wall clock shows them, with the zone named.
    for event in (winter, summer):
        assert event["DTSTART"].params["TZID"] == "Europe/London"
        assert event.start.hour == 18
        assert event.end.hour == 20
    content = response.content.decode()
    assert f"DTSTART;TZID=Europe/London:{YEAR}0115T180000" in content
    assert f"DTSTART;TZID=Europe/London:{YEAR}0715T180000" in content
    assert f"DTEND;TZID=Europe/London:{YEAR}0715T200000" in content


def test_a_meeting_across_the_spring_clock_change_keeps_its_instants(rf, committee):
    change = last_sunday_of_march(YEAR)
    # 00:30 GMT until 03:30 BST: two hours, though the clock moves three.
    starts_at = uk(YEAR, 3, change.day, 0, 30)
    ends_at = uk(YEAR, 3, change.day, 3, 30)
    meeting(committee, "Overnight", starts_at=starts_at, ends_at=ends_at)

    response = get_feed(rf, committee=committee)

    [event] = read(response).events
    assert event.start == starts_at
    assert event.end == ends_at
    assert event.start.utcoffset() == datetime.timedelta(0)
    assert event.end.utcoffset() == datetime.timedelta(hours=1)
    assert event.end.astimezone(UTC) - event.start.astimezone(UTC) == (
        datetime.timedelta(hours=2)
    )
    content = response.content.decode()
    assert f"DTSTART;TZID=Europe/London:{change:%Y%m%d}T003000" in content
    assert f"DTEND;TZID=Europe/London:{change:%Y%m%d}T033000" in content


def test_the_feed_defines_uk_time_in_a_vtimezone(rf, committee):
    meeting(committee, "Spring meeting", starts_at=uk(YEAR, 4, 14, 18))

    [zone] = read(get_feed(rf, committee=committee)).timezones

    assert zone["TZID"] == "Europe/London"
    offsets = {
        (part.name, part["TZNAME"], part["TZOFFSETTO"].to_ical())
        for part in zone.subcomponents
    }
    assert ("DAYLIGHT", "BST", "+0100") in offsets
    assert ("STANDARD", "GMT", "+0000") in offsets


def test_a_feed_with_no_meetings_is_still_a_valid_calendar(rf, committee):
    feed = read(get_feed(rf, committee=committee))

    assert feed.events == []
    assert [zone["TZID"] for zone in feed.timezones] == ["Europe/London"]


def test_a_meeting_with_no_recorded_end_has_no_dtend(rf, committee):
    meeting(committee, "Open-ended", starts_at=uk(YEAR, 5, 1, 10), ends_at=None)

    [event] = read(get_feed(rf, committee=committee)).events

    assert "DTEND" not in event
    assert "DURATION" not in event
    assert event.start == uk(YEAR, 5, 1, 10)


@pytest.mark.parametrize(
    ("status", "ical_status", "note"),
    [
        (MeetingStatus.SCHEDULED, "CONFIRMED", None),
        (MeetingStatus.CANCELLED, "CANCELLED", "This meeting has been cancelled."),
        (MeetingStatus.POSTPONED, "TENTATIVE", "This meeting has been postponed."),
    ],
)
def test_the_meeting_status_is_the_event_status(
    rf, committee, status, ical_status, note
):
    meeting(committee, "Autumn meeting", status=status)

    [event] = read(get_feed(rf, committee=committee)).events

    assert event["STATUS"] == ical_status
    first_line = str(event["DESCRIPTION"]).splitlines()[0]
    if note:
        assert first_line == note
    else:
        assert first_line.startswith("Agenda, papers and minutes: ")


def test_an_online_only_meeting_is_located_online(rf, committee):
    meeting(
        committee,
        "Online meeting",
        location="",
        online_url="https://meet.example.org/online",
    )

    [event] = read(get_feed(rf, committee=committee)).events

    assert event["LOCATION"] == "Online"


# Which meetings each feed holds


def test_the_section_feed_holds_every_committees_meetings(
    rf, index, committee, other_committee
):
    meeting(committee, "Board meeting")
    meeting(other_committee, "Planning meeting")

    response = get_feed(rf, section=index)

    assert set(events(response)) == {
        "Health and Wellbeing Board: Board meeting",
        "Planning Committee: Planning meeting",
    }
    assert read(response)["X-WR-CALNAME"] == "Testvale Council: Committee meetings"
    assert response["Content-Disposition"] == 'inline; filename="meetings.ics"'


def test_a_committee_feed_holds_only_that_committees_meetings(
    rf, committee, other_committee
):
    meeting(committee, "Board meeting")
    meeting(other_committee, "Planning meeting")

    assert set(events(get_feed(rf, committee=committee))) == {
        "Health and Wellbeing Board: Board meeting"
    }


def test_a_meeting_has_the_same_uid_in_every_feed(rf, index, committee):
    board = meeting(committee, "Board meeting")

    [in_section] = read(get_feed(rf, section=index)).events
    [in_committee] = read(get_feed(rf, committee=committee)).events

    assert in_section["UID"] == in_committee["UID"] == f"meeting-{board.pk}@localhost"


def test_meetings_from_a_year_ago_onwards_are_in_the_feed(rf, committee):
    meeting(committee, "Last month", starts_at=NOW - 30 * DAY)
    meeting(committee, "Eleven months ago", starts_at=NOW - 335 * DAY)
    meeting(committee, "Thirteen months ago", starts_at=NOW - 395 * DAY)
    meeting(committee, "Next month", starts_at=NOW + 30 * DAY)

    titles = [
        str(event["SUMMARY"]).split(": ")[1]
        for event in read(get_feed(rf, committee=committee)).events
    ]

    assert titles == ["Eleven months ago", "Last month", "Next month"]


def test_unpublished_and_restricted_meetings_are_left_out(
    rf, index, committee, other_committee
):
    meeting(committee, "Public meeting")
    meeting(committee, "Draft meeting", live=False)
    restricted = meeting(committee, "Members only")
    PageViewRestriction.objects.create(
        page=restricted, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    # A restriction on a committee covers its meetings too.
    meeting(other_committee, "Under a restricted committee")
    PageViewRestriction.objects.create(
        page=other_committee,
        restriction_type=PageViewRestriction.LOGIN,
    )

    for feed in (get_feed(rf, section=index), get_feed(rf, committee=committee)):
        assert set(events(feed)) == {"Health and Wellbeing Board: Public meeting"}


def test_the_feed_makes_the_same_queries_for_3_or_30_meetings(rf, index, committee):
    def queries():
        get_feed(rf, section=index)  # warm the per-process caches
        with CaptureQueriesContext(connection) as captured:
            response = get_feed(rf, section=index)
        return len(captured), len(read(response).events)

    for number in range(3):
        meeting(committee, f"Meeting {number}", starts_at=NOW + (number + 1) * DAY)
    few, few_events = queries()
    for number in range(3, 30):
        meeting(committee, f"Meeting {number}", starts_at=NOW + (number + 1) * DAY)
    many, many_events = queries()

    assert (few_events, many_events) == (3, 30)
    assert few == many


# The feeds at their pages' routes


def calendar_url(page) -> str:
    return page.url + page.reverse_subpage("meetings_calendar")


def test_the_section_and_committee_feeds_are_served_at_their_routes(
    client, index, committee
):
    meeting(committee, "Board meeting")

    for page in (index, committee):
        response = client.get(calendar_url(page))
        assert response.status_code == 200
        assert response["Content-Type"] == "text/calendar; charset=utf-8"
        assert set(events(response)) == {"Health and Wellbeing Board: Board meeting"}
