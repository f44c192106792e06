"""Committee business that open data must show, beside records of every kind
it must never show. Everything the public must not see says SECRET."""

import datetime

import pytest
from django.utils import timezone
from wagtail.models import PageViewRestriction

from committees.enums import (
    ActionStatus,
    MeetingStatus,
    MembershipRole,
    MinutesStatus,
    PersonKind,
)
from committees.factories import (
    ActionFactory,
    ActionUpdateFactory,
    AgendaItemPageFactory,
    CommitteeMembershipFactory,
    CommitteePageFactory,
    MeetingPageFactory,
    MotionFactory,
    PersonFactory,
    ResolutionFactory,
)

DAY = datetime.timedelta(days=1)


def uk(year, month, day, hour=14):
    return timezone.make_aware(datetime.datetime(year, month, day, hour))


def meeting(committee, starts_at, **extra):
    extra.setdefault("minutes_status", MinutesStatus.DRAFT)
    extra.setdefault("title", f"Meeting on {starts_at:%d %B %Y}")
    return MeetingPageFactory(
        parent=committee,
        starts_at=starts_at,
        ends_at=starts_at + datetime.timedelta(hours=2),
        **extra,
    )


def minuted_records(item, label):
    """A resolution, a motion and an action (with a progress note) on `item`."""
    resolution = ResolutionFactory(page=item, text=f"{label} resolution.")
    MotionFactory(page=item, text=f"{label} motion.")
    action = ActionFactory(
        agenda_item=item, resolution=resolution, description=f"{label} action."
    )
    ActionUpdateFactory(action=action, note=f"{label} progress.")
    return resolution


@pytest.fixture
def board(index):
    board = CommitteePageFactory(
        parent=index,
        title="Health and Wellbeing Board",
        slug="health-board",
        summary="Improves the health of local people.",
    )
    CommitteeMembershipFactory(
        page=board,
        person=PersonFactory(title="Cllr", name="Member Ann"),
        role=MembershipRole.MEMBER,
    )
    CommitteeMembershipFactory(
        page=board,
        person=PersonFactory(title="Cllr", name="Chair Bea"),
        role=MembershipRole.CHAIR,
    )
    return board


@pytest.fixture
def june(board):
    return meeting(
        board,
        uk(2026, 6, 11),
        location="Council Chamber",
        webcast_url="https://webcast.example.org/june",
    )


@pytest.fixture
def item(june):
    return AgendaItemPageFactory(
        parent=june,
        item_number="5",
        title="Empowering our communities",
        summary="The renewed ambition.",
    )


@pytest.fixture
def business(index, board, june, item):
    """Public records on item 5 of June, and the same records where the
    public must never see them."""
    officer = PersonFactory(
        title="",
        name="Officer Cy",
        role_title="Director of Communities",
        kind=PersonKind.OFFICER,
    )
    resolution = ResolutionFactory(
        page=item, text="Endorsed the ambition.", report_section="5.2"
    )
    MotionFactory(
        page=item,
        text="That the ambition be endorsed.",
        mover=PersonFactory(name="Mover Di"),
        seconder=PersonFactory(name="Seconder Ed"),
        votes_for=7,
        votes_against=2,
        abstentions=None,
    )
    action = ActionFactory(
        agenda_item=item,
        resolution=resolution,
        description="Report back on the ambition.",
        owner=officer,
        due_on=timezone.localdate() - 3 * DAY,
        status=ActionStatus.IN_PROGRESS,
    )
    ActionUpdateFactory(action=action, note="First draft.", noted_on=uk(2026, 6, 20))
    ActionUpdateFactory(action=action, note="Second draft.", noted_on=uk(2026, 7, 1))

    exempt = AgendaItemPageFactory(
        parent=june, item_number="9", title="SECRET land deal", is_exempt=True
    )
    minuted_records(exempt, "SECRET exempt")
    draft = AgendaItemPageFactory(
        parent=june, item_number="10", title="SECRET draft item", live=False
    )
    minuted_records(draft, "SECRET draft")

    unminuted_meeting = meeting(
        board, uk(2026, 5, 1), minutes_status=MinutesStatus.NONE
    )
    unminuted = AgendaItemPageFactory(
        parent=unminuted_meeting, item_number="2", title="Item before its minutes"
    )
    minuted_records(unminuted, "SECRET unminuted")

    restricted = meeting(board, uk(2026, 4, 1), title="SECRET restricted meeting")
    PageViewRestriction.objects.create(
        page=restricted,
        restriction_type=PageViewRestriction.PASSWORD,
        password="secret",
    )
    hidden = AgendaItemPageFactory(parent=restricted, title="SECRET hidden item")
    minuted_records(hidden, "SECRET restricted")

    unpublished = meeting(board, uk(2026, 3, 1), title="SECRET unpublished", live=False)
    minuted_records(
        AgendaItemPageFactory(parent=unpublished, title="SECRET unpublished item"),
        "SECRET unpublished meeting",
    )

    secret_committee = CommitteePageFactory(
        parent=index, title="SECRET committee", slug="secret-committee"
    )
    PageViewRestriction.objects.create(
        page=secret_committee,
        restriction_type=PageViewRestriction.PASSWORD,
        password="secret",
    )
    minuted_records(
        AgendaItemPageFactory(
            parent=meeting(secret_committee, uk(2026, 2, 1)), title="SECRET item"
        ),
        "SECRET committee",
    )
    # Wagtail serves a live page under an unpublished one; open data does not.
    draft_committee = CommitteePageFactory(
        parent=index, title="SECRET draft committee", live=False
    )
    minuted_records(
        AgendaItemPageFactory(
            parent=meeting(draft_committee, uk(2026, 1, 1), title="SECRET orphan"),
            title="SECRET orphan item",
        ),
        "SECRET draft committee",
    )
    meeting(
        board,
        timezone.now() + 30 * DAY,
        title="Cancelled meeting",
        status=MeetingStatus.CANCELLED,
        minutes_status=MinutesStatus.NONE,
    )
    return resolution
