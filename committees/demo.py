"""Demo committees and meetings, in our own words."""

import datetime

from django.utils import timezone
from wagtail.rich_text import RichText

from core.demo import ensure_child

from .factories import (
    CommitteeIndexPageFactory,
    CommitteePageFactory,
    MeetingPageFactory,
)


def load(home):
    index = ensure_child(
        home,
        CommitteeIndexPageFactory,
        "meetings-and-decisions",
        title="Meetings and decisions",
        intro="<p>Agendas, minutes and decisions of the council's committees and boards.</p>",
        show_in_menus=True,
    )
    board = ensure_child(
        index,
        CommitteePageFactory,
        "health-and-wellbeing-board",
        title="Health and Wellbeing Board",
        summary="Brings the council, the NHS and voluntary groups together to improve "
        "health and reduce inequalities in Northvale.",
        terms_of_reference=[
            (
                "rich_text",
                RichText(
                    "<p>The board agrees the Health and Wellbeing Strategy, checks progress "
                    "against it, and makes sure partners plan services together.</p>"
                ),
            )
        ],
    )
    today = timezone.localtime().replace(hour=14, minute=0, second=0, microsecond=0)
    ensure_child(
        board,
        MeetingPageFactory,
        "meeting-held",
        title="Health and Wellbeing Board, spring meeting",
        starts_at=today - datetime.timedelta(weeks=6),
        ends_at=today
        - datetime.timedelta(weeks=6)
        + datetime.timedelta(hours=2, minutes=30),
        location="Council Chamber, Civic Centre, Market Street, Northvale",
    )
    ensure_child(
        board,
        MeetingPageFactory,
        "meeting-upcoming",
        title="Health and Wellbeing Board, summer meeting",
        starts_at=today + datetime.timedelta(weeks=3),
        ends_at=today + datetime.timedelta(weeks=3) + datetime.timedelta(hours=2),
        location="Council Chamber, Civic Centre, Market Street, Northvale",
        online_url="https://example.invalid/webcasts/health-and-wellbeing-board",
    )
