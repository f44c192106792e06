"""Demo committees and meetings, in our own words."""

import datetime

from django.utils import timezone
from wagtail.rich_text import RichText

from core.demo import ensure_child

from .enums import AttendanceCapacity, AttendanceStatus, MembershipRole, PersonKind
from .factories import (
    AgendaItemPageFactory,
    CommitteeIndexPageFactory,
    CommitteePageFactory,
    MeetingPageFactory,
)
from .models import (
    AgendaItemConsultation,
    CommitteeMembership,
    MeetingAttendance,
    Person,
)

COUNCIL = "Northvale Council"

# (key, title, name, role_title, organisation, kind)
PEOPLE = [
    ("chair", "Cllr", "Margaret Oyelaran", "Cabinet Member for Health", COUNCIL, "c"),
    (
        "vice",
        "Dr",
        "Tomasz Wren",
        "Clinical Chair",
        "Northvale Health Partnership",
        "o",
    ),
    ("m1", "Cllr", "Priya Castell", "", COUNCIL, "c"),
    ("m2", "Cllr", "Owen Hargreaves", "", COUNCIL, "c"),
    ("m3", "Cllr", "Ruth Adebayo", "", COUNCIL, "c"),
    (
        "m4",
        "Professor",
        "Alan Metcalfe",
        "Chief Executive",
        "Northvale Mental Health Trust",
        "o",
    ),
    ("coopted", "", "Sian Doyle", "Chief Officer", "Northvale Voluntary Action", "o"),
    ("sub", "Cllr", "Daniel Fenwick", "", COUNCIL, "c"),
    ("director", "", "Helen Marsh", "Director of Communities", COUNCIL, "f"),
    ("dso", "", "Joe Amankwah", "Democratic Services Officer", COUNCIL, "f"),
    ("ph", "", "Farah Iqbal", "Director of Public Health", COUNCIL, "f"),
]
KINDS = {"c": PersonKind.COUNCILLOR, "f": PersonKind.OFFICER, "o": PersonKind.OTHER}


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

    board = board.specific
    people = ensure_people()
    if not board.memberships.exists():
        board.memberships = [
            CommitteeMembership(person=people[key], role=role)
            for key, role in [
                ("chair", MembershipRole.CHAIR),
                ("vice", MembershipRole.VICE_CHAIR),
                ("m1", MembershipRole.MEMBER),
                ("m2", MembershipRole.MEMBER),
                ("m3", MembershipRole.MEMBER),
                ("m4", MembershipRole.MEMBER),
                ("coopted", MembershipRole.CO_OPTED),
            ]
        ]
        board.contact_officer = people["dso"]
        board.save_revision().publish()

    held = board.get_children().get(slug="meeting-held").specific
    upcoming = board.get_children().get(slug="meeting-upcoming").specific
    if not held.attendance.exists():
        member, officer = AttendanceCapacity.MEMBER, AttendanceCapacity.OFFICER
        held.attendance = [
            MeetingAttendance(person=people["chair"], capacity=member),
            MeetingAttendance(person=people["vice"], capacity=member),
            MeetingAttendance(person=people["m1"], capacity=member),
            MeetingAttendance(
                person=people["m2"],
                capacity=member,
                status=AttendanceStatus.APOLOGIES,
            ),
            MeetingAttendance(
                person=people["sub"],
                capacity=member,
                status=AttendanceStatus.SUBSTITUTE,
                substitute_for=people["m2"],
            ),
            MeetingAttendance(person=people["m3"], capacity=member),
            MeetingAttendance(
                person=people["m4"], capacity=member, attended_online=True
            ),
            MeetingAttendance(person=people["coopted"], capacity=member),
            MeetingAttendance(person=people["director"], capacity=officer),
            MeetingAttendance(person=people["ph"], capacity=officer),
            MeetingAttendance(person=people["dso"], capacity=officer),
        ]
        held.save_revision().publish()

    ensure_child(
        held,
        AgendaItemPageFactory,
        "apologies-and-declarations",
        item_number="1",
        title="Apologies and declarations",
        summary="The chair asks for apologies for absence and substitutions, and "
        "members declare any interests in the items on this agenda.",
    )
    consultation = demo_consultation(home)
    ensure_child(
        held,
        AgendaItemPageFactory,
        "empowering-our-communities",
        item_number="5",
        title="Empowering our communities",
        summary=EMPOWERING_SUMMARY,
        body=[("rich_text", RichText(EMPOWERING_BODY))],
        consultations=(
            [AgendaItemConsultation(consultation=consultation)] if consultation else []
        ),
    )
    ensure_child(
        upcoming,
        AgendaItemPageFactory,
        "health-and-wellbeing-strategy-progress",
        item_number="1",
        title="Health and Wellbeing Strategy: progress report",
        summary="Partners report on the strategy's priorities over the last six "
        "months and the board decides where to focus next.",
    )


EMPOWERING_SUMMARY = (
    "When the board agreed Northvale's Health and Wellbeing Strategy it said that "
    "better health would depend on working with communities, not only for them. "
    "Neighbourhood groups, faith groups and volunteers have since shown what they "
    "can do, and this report sets out where partners could build on that and asks "
    "the board to back a plan for putting communities at the centre of its work "
    "on health inequalities."
)
EMPOWERING_BODY = (
    "<p>The Director of Communities will introduce the report and answer the "
    "board's questions.</p>"
    "<p>The report covers:</p>"
    "<ul><li>what partners have learned from recent work with neighbourhood "
    "groups</li><li>what gets in the way, including how partners make decisions "
    "and share information</li><li>a plan, to be written over the summer, for "
    "making community involvement part of everyday work</li></ul>"
)


def ensure_people():
    people = {}
    for key, title, name, role_title, organisation, kind in PEOPLE:
        people[key], _ = Person.objects.get_or_create(
            name=name,
            organisation=organisation,
            defaults={"title": title, "role_title": role_title, "kind": KINDS[kind]},
        )
    return people


def demo_consultation(home):
    from consultations.models import ConsultationPage

    hub = home.get_children().filter(slug="have-your-say").first()
    if hub is None:
        return None
    return (
        ConsultationPage.objects.child_of(hub)
        .filter(slug="working-with-communities-2027-2031")
        .first()
    )
