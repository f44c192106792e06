"""Committees, meetings and decisions shared by the registers' tests."""

import datetime

import pytest
from django.utils import timezone
from wagtail.models import PageViewRestriction

from committees.enums import MinutesStatus
from committees.factories import (
    AgendaItemPageFactory,
    CommitteePageFactory,
    MeetingPageFactory,
    ResolutionFactory,
)

DAY = datetime.timedelta(days=1)


def uk(year, month, day, hour=14):
    return timezone.make_aware(datetime.datetime(year, month, day, hour))


@pytest.fixture
def board(index):
    return CommitteePageFactory(
        parent=index, title="Health and Wellbeing Board", slug="health-board"
    )


@pytest.fixture
def scrutiny(index):
    return CommitteePageFactory(
        parent=index, title="Overview and Scrutiny", slug="scrutiny"
    )


def meeting_with_minutes(committee, starts_at, **extra):
    extra.setdefault("minutes_status", MinutesStatus.DRAFT)
    extra.setdefault("title", f"Meeting on {starts_at:%d %B %Y}")
    if extra["minutes_status"] == MinutesStatus.APPROVED:
        extra.setdefault("minutes_approved_on", starts_at.date() + 28 * DAY)
    return MeetingPageFactory(
        parent=committee,
        starts_at=starts_at,
        ends_at=starts_at + datetime.timedelta(hours=2),
        **extra,
    )


@pytest.fixture
def june(board):
    return meeting_with_minutes(board, uk(2026, 6, 11))


@pytest.fixture
def item(june):
    return AgendaItemPageFactory(
        parent=june, item_number="5", title="Empowering our communities"
    )


@pytest.fixture
def decisions(board, scrutiny, june, item):
    """Three public resolutions at two committees, and one of each kind the
    public must never see."""
    ResolutionFactory(page=item, text="Noted the progress report.", report_section="")
    ResolutionFactory(
        page=item,
        text="Endorsed the renewed ambition to empower communities.",
        report_section="5.2",
    )
    march = meeting_with_minutes(
        scrutiny, uk(2026, 3, 4), minutes_status=MinutesStatus.APPROVED
    )
    parking = AgendaItemPageFactory(
        parent=march, item_number="3", title="Town centre parking"
    )
    ResolutionFactory(page=parking, text="Asked for a review of charges.")

    exempt = AgendaItemPageFactory(
        parent=june, item_number="9", title="Secret land deal", is_exempt=True
    )
    ResolutionFactory(page=exempt, text="Agreed the secret purchase.")
    draft = AgendaItemPageFactory(
        parent=june, item_number="10", title="Draft item", live=False
    )
    ResolutionFactory(page=draft, text="Agreed the unpublished item.")
    no_minutes = meeting_with_minutes(
        board, uk(2026, 9, 1), minutes_status=MinutesStatus.NONE
    )
    unminuted = AgendaItemPageFactory(parent=no_minutes, title="Unminuted item")
    ResolutionFactory(page=unminuted, text="Agreed before the minutes were out.")
    restricted_meeting = meeting_with_minutes(board, uk(2026, 7, 1))
    PageViewRestriction.objects.create(
        page=restricted_meeting,
        restriction_type=PageViewRestriction.PASSWORD,
        password="secret",
    )
    hidden = AgendaItemPageFactory(parent=restricted_meeting, title="Behind a password")
    ResolutionFactory(page=hidden, text="Agreed behind a password.")
