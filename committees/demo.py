"""Demo committees and meetings, in our own words."""

import datetime

from django.utils import timezone
from wagtail.rich_text import RichText

from core.demo import ensure_child, ensure_document
from places.demo import ensure_areas

from .enums import (
    ActionStatus,
    AttendanceCapacity,
    AttendanceChange,
    AttendanceStatus,
    DeclarationCategory,
    InterestCategory,
    MeetingDocumentKind,
    MembershipRole,
    MinutesStatus,
    MotionResult,
    PersonKind,
)
from .factories import (
    AgendaItemPageFactory,
    CommitteeIndexPageFactory,
    CommitteePageFactory,
    MeetingPageFactory,
)
from .forward_plan import NoticeException
from .models import (
    Action,
    ActionUpdate,
    AgendaItemConsultation,
    AttendanceEvent,
    CommitteeMembership,
    Declaration,
    ForwardPlanEntry,
    KeyPoint,
    MeetingAttendance,
    MeetingDocument,
    Motion,
    Person,
    PublicQuestion,
    Resolution,
    Witness,
)
from .people import RegisteredInterest
from .permissions import give_section_to_democratic_services

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
# The ward each demo councillor was elected for (places.demo).
WARDS = {
    "chair": "millbrook",
    "m1": "eastside",
    "m2": "riverside",
    "m3": "greenway",
    "sub": "greenway",
}


def load(home):
    index = ensure_child(
        home,
        CommitteeIndexPageFactory,
        "meetings-and-decisions",
        title="Meetings and decisions",
        intro="<p>Agendas, minutes and decisions of the council's committees and boards.</p>",
        show_in_menus=True,
    )
    give_section_to_democratic_services(index)
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
    if not held.documents.exists():
        held.documents = [
            MeetingDocument(
                document=ensure_document(
                    "Agenda pack: Health and Wellbeing Board, spring meeting",
                    "health-and-wellbeing-board-spring-agenda-pack.pdf",
                ),
                kind=MeetingDocumentKind.AGENDA_PACK,
            )
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
    # Where the public question's pharmacy was, and the ward next to it.
    pharmacy_wards = [ensure_areas()[slug] for slug in ("riverside", "eastside")]
    ensure_child(
        held,
        AgendaItemPageFactory,
        "community-pharmacy-opening-hours",
        item_number="6",
        title="Community pharmacy opening hours",
        summary="The board hears a public question about late-night pharmacy "
        "opening and decides whether to ask for a review of opening hours.",
        areas=pharmacy_wards,
    )
    record_minutes(held, people)
    ensure_forward_plan(
        board,
        held,
        upcoming,
        people,
        consultation,
        parking=demo_consultation(home, "town-centre-parking"),
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
    ensure_child(
        upcoming,
        AgendaItemPageFactory,
        "evening-pharmacy-opening-reply",
        item_number="2",
        title="Evening pharmacy opening: the NHS's reply",
        summary="The NHS answers the board's request to review evening pharmacy "
        "opening in Riverside and Eastside.",
        areas=pharmacy_wards,
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


def record_minutes(held, people):
    """Minutes of the held meeting, published as a draft for the next meeting
    to approve. Item 5 is shaped like a real board item: a witness, numbered
    points with responses, a member leaving and another joining mid-item,
    three resolutions citing report sections and two actions."""
    items = {item.slug: item.specific for item in held.get_children()}
    apologies = items["apologies-and-declarations"]
    empowering = items["empowering-our-communities"]
    pharmacy = items["community-pharmacy-opening-hours"]

    if not apologies.declarations.exists():
        apologies.declarations = [
            Declaration(
                person=people["coopted"],
                category=DeclarationCategory.OTHER_REGISTRABLE,
                nature="Chief Officer of Northvale Voluntary Action, which receives "
                "council funding for the community work in item 5",
            )
        ]
        apologies.save_revision().publish()

    if not empowering.resolutions.exists():
        empowering.witnesses = [Witness(person=people["director"])]
        empowering.key_points = numbered(
            KeyPoint(
                raised_by="The Director of Communities",
                point="<p>Set out three lessons from talking to partners:</p><ul>"
                "<li>services work best when they are planned with the people who "
                "use them, drawing on what residents already know and do</li>"
                "<li>groups need help to work together and share what they learn, "
                "and the council's own ways of working have to change with them</li>"
                "<li>the recovery from the pandemic is the moment to turn good "
                "intentions into changes residents can see</li></ul>"
                "<p>She warned it would not be easy: decision-making would have to "
                "change, partners would have to admit what was not working, and "
                "the focus had to stay on results for people.</p>",
            ),
            KeyPoint(
                raised_by="A Board member",
                point="<p>Asked that the plan use what already exists, such as "
                "voluntary and community groups, and said that handing communities "
                "real power might take partners somewhere unexpected.</p>",
                responded_by="the Director of Communities",
                response="<p>Agreed that voluntary groups were central to the work "
                "and that partners had to be ready for challenge.</p>",
            ),
            KeyPoint(
                raised_by="A Board member",
                point="<p>Said that trust in large public bodies was low in some "
                "communities, and that the vaccination programme and work in "
                "neighbourhood health teams were chances to rebuild it.</p>",
                responded_by="the Director of Communities",
                response="<p>Offered to meet the member to join up the work on "
                "hearing from seldom-heard groups.</p>",
            ),
            KeyPoint(
                raised_by="The Chair",
                point="<p>Described the plan as long-term work that the board "
                "should hear about regularly.</p>",
            ),
        )
        empowering.attendance_events = [
            AttendanceEvent(
                person=people["m4"],
                change=AttendanceChange.LEFT,
                at=datetime.time(15, 25),
                during_point=1,
            ),
            AttendanceEvent(
                person=people["m3"],
                change=AttendanceChange.JOINED,
                at=datetime.time(15, 28),
                during_point=1,
            ),
        ]
        empowering.resolutions = numbered(
            Resolution(
                text="Endorsed the ambition to put communities at the centre of "
                "the board's work on health.",
                report_section="5.2",
            ),
            Resolution(
                text="Supported the work already under way on the opportunities "
                "in the report, and suggested further areas to focus on.",
                report_section="5.3",
            ),
            Resolution(
                text="Agreed that the Director of Communities leads a longer-term "
                "plan, on behalf of all partners, for involving communities in "
                "improving health and reducing inequalities.",
                report_section="5.4",
                key_decision=True,
                call_in_ends_on=timezone.localdate(held.starts_at)
                + datetime.timedelta(days=7),
            ),
        )
        empowering.save_revision().publish()

    if not pharmacy.motions.exists():
        pharmacy.public_questions = [
            PublicQuestion(
                asked_by="A resident of Riverside ward",
                question="Since the pharmacy on Bridge Street closed, the nearest "
                "one open after 7pm is four miles away. What will the board do "
                "about it?",
                answered_by=people["ph"],
                answer="<p>The pharmacy needs assessment will look at evening "
                "opening across the borough, and the board will see it before it "
                "is finalised.</p>",
            )
        ]
        pharmacy.motions = [
            Motion(
                text="That the board asks the NHS to review evening pharmacy "
                "opening in Riverside before the next pharmacy needs assessment.",
                mover=people["m1"],
                seconder=people["m3"],
                votes_for=6,
                votes_against=1,
                abstentions=1,
                result=MotionResult.CARRIED,
            )
        ]
        pharmacy.resolutions = numbered(
            Resolution(
                text="Asked the NHS to review evening pharmacy opening in "
                "Riverside before the next pharmacy needs assessment."
            )
        )
        pharmacy.save_revision().publish()

    if not Action.objects.filter(agenda_item=empowering).exists():
        meeting_day = timezone.localdate(held.starts_at)
        resolutions = list(Resolution.objects.filter(page=empowering))
        liaise = Action.objects.create(
            description="Meet the Board member who raised trust in public bodies, "
            "to join up the work on hearing from seldom-heard groups.",
            agenda_item=empowering,
            owner=people["director"],
            due_on=meeting_day + datetime.timedelta(weeks=4),
            status=ActionStatus.IN_PROGRESS,
        )
        ActionUpdate.objects.create(
            action=liaise,
            noted_on=meeting_day + datetime.timedelta(weeks=2),
            note="First meeting held; a joint session with the community "
            "networks is being arranged.",
        )
        Action.objects.create(
            description="Bring a progress report on the community plan to a "
            "future meeting of the board.",
            agenda_item=empowering,
            resolution=resolutions[2],
            owner=people["director"],
            due_on=meeting_day + datetime.timedelta(weeks=26),
        )

    if not Action.objects.filter(agenda_item=pharmacy).exists():
        Action.objects.create(
            description="Write to the NHS asking it to review evening pharmacy "
            "opening in Riverside and Eastside.",
            agenda_item=pharmacy,
            resolution=Resolution.objects.filter(page=pharmacy).first(),
            owner=people["ph"],
            due_on=timezone.localdate(held.starts_at) + datetime.timedelta(weeks=12),
        )

    if held.minutes_status == MinutesStatus.NONE:
        held.minutes_status = MinutesStatus.DRAFT
        held.save_revision().publish()


def numbered(*records):
    for position, record in enumerate(records):
        record.sort_order = position
    return list(records)


def ensure_people():
    people = {}
    areas = ensure_areas()
    for key, title, name, role_title, organisation, kind in PEOPLE:
        people[key], _ = Person.objects.get_or_create(
            name=name,
            organisation=organisation,
            defaults={
                "title": title,
                "role_title": role_title,
                "kind": KINDS[kind],
                "ward": areas.get(WARDS.get(key)),
            },
        )
    ensure_register_of_interests(people["chair"])
    return people


def ensure_register_of_interests(councillor):
    if councillor.registered_interests.exists():
        return
    councillor.interests_updated_on = timezone.localdate() - datetime.timedelta(days=40)
    councillor.registered_interests = [
        RegisteredInterest(
            category=InterestCategory.EMPLOYMENT,
            description="Part-time practice nurse, Riverside Surgery",
        ),
        RegisteredInterest(
            category=InterestCategory.LAND,
            description="Family home in Hillside ward",
        ),
        RegisteredInterest(
            category=InterestCategory.OTHER,
            description="Trustee, Northvale Voluntary Action",
        ),
    ]
    councillor.save()


def demo_consultation(home, slug="working-with-communities-2027-2031"):
    from consultations.models import ConsultationPage

    hub = home.get_children().filter(slug="have-your-say").first()
    if hub is None:
        return None
    return ConsultationPage.objects.child_of(hub).filter(slug=slug).first()


def ensure_forward_plan(board, held, upcoming, people, consultation, parking):
    """Five entries: one to come before the board, one an individual decision
    at short notice, one the board has taken, one withdrawn, and one that the
    closed parking consultation informs."""
    today = timezone.localdate()
    held_on = timezone.localtime(held.starts_at).date()
    entries = [
        {
            "title": "Approve the Working with Communities Plan 2027 to 2031",
            "summary": "The board will be asked to approve a four-year plan for how "
            "health and care partners work with neighbourhood and faith groups, "
            "shaped by what residents told us in the consultation.",
            "committee": board,
            "expected_on": timezone.localtime(upcoming.starts_at).date(),
            "first_published_on": today - datetime.timedelta(days=40),
            "documents": "Report of the Director of Communities\n"
            "Consultation findings: Working with communities",
            "consultation": consultation,
            "contact": people["dso"],
        },
        {
            "title": "Grant for the Greenway Court community room",
            "summary": "Whether to give the residents' association a grant towards "
            "running the community room for another two years.",
            "decision_maker": "Cabinet Member for Communities",
            "expected_on": today + datetime.timedelta(days=14),
            "first_published_on": today,
            "notice_exception": NoticeException.GENERAL_EXCEPTION,
            "exception_reason": "The association's lease of the room ends this month; "
            "without a decision before then the room would close. The chair of "
            "the scrutiny committee has been told.",
            "contact": people["director"],
        },
        {
            "title": "Put communities at the centre of the board's work on health "
            "inequalities",
            "summary": "Whether to back a plan, to be written over the summer, for "
            "making community involvement part of partners' everyday work.",
            "committee": board,
            "expected_on": held_on,
            "first_published_on": held_on - datetime.timedelta(days=35),
            "documents": "Report of the Director of Communities",
            "consultation": consultation,
            "contact": people["director"],
            "decided_at": held.get_children()
            .get(slug="empowering-our-communities")
            .specific,
        },
        {
            "title": "Change the opening hours of the Market Street public toilets",
            "summary": "Whether to open the toilets from 8am to 6pm only, to save "
            "money on cleaning and security.",
            "decision_maker": "Cabinet Member for Environment",
            "key_decision": False,
            "expected_on": today - datetime.timedelta(days=10),
            "first_published_on": today - datetime.timedelta(days=60),
            "withdrawn_on": today - datetime.timedelta(days=20),
            "withdrawal_reason": "Withdrawn while we talk to town centre businesses "
            "about sharing the cost of longer hours.",
            "contact": people["director"],
        },
    ]
    if parking is not None:
        entries.append(
            {
                "title": "Set town centre parking charges for 2027",
                "summary": "Whether to change charges in the council's town centre "
                "car parks from April, in the light of what people told us.",
                "decision_maker": "Cabinet Member for Environment",
                "expected_on": today + datetime.timedelta(days=35),
                "first_published_on": today - datetime.timedelta(days=5),
                "documents": "Report of the Head of Parking Services\n"
                "Consultation findings: Town centre parking",
                "consultation": parking,
                "contact": people["director"],
            }
        )
    for fields in entries:
        if ForwardPlanEntry.objects.filter(title=fields["title"]).exists():
            continue
        entry = ForwardPlanEntry(**fields)
        entry.full_clean()
        entry.save()
