"""Demo success stories, in our own words, shaped like real council stories:
a forum whose outcomes are listed, and a neighbourhood project with quotes and
figures. Every element a story can have is used at least once."""

import datetime
from decimal import Decimal

from django.apps import apps
from wagtail.images import get_image_model
from wagtail.models import Page
from wagtail.rich_text import RichText
from wagtail_factories import ImageFactory

from core.demo import ensure_child
from places.demo import ensure_areas

from .factories import StoryIndexPageFactory, StoryPageFactory
from .models import QuotedPerson, StoryRelatedPage

CONSENT_GIVEN = datetime.date(2026, 9, 15)

PEOPLE = {
    "whitfield": {
        "name": "Councillor Dana Whitfield",
        "role": "Cabinet member for communities",
        "organisation": "Northvale Council",
    },
    "patel": {
        "name": "Amira Patel",
        "role": "Coordinator",
        "organisation": "Eastside Community Pantry",
    },
    "okafor": {
        "name": "Sam Okafor",
        "role": "Volunteer",
        "organisation": "Greenway Court community room",
    },
    "lindqvist": {
        "name": "Sergeant Erik Lindqvist",
        "role": "Neighbourhood policing team",
        "organisation": "Northvale Police",
    },
}

# (app label, slug): pages other demo sections build; skipped if absent.
FORUM_RELATED = [
    ("consultations.ConsultationPage", "working-with-communities-2027-2031"),
    ("committees.MeetingPage", "meeting-held"),
]


def ensure_people():
    people = {}
    for key, fields in PEOPLE.items():
        people[key], _ = QuotedPerson.objects.get_or_create(
            name=fields["name"],
            defaults={
                **fields,
                "consent_recorded": True,
                "consent_recorded_on": CONSENT_GIVEN,
                "consent_expires_on": CONSENT_GIVEN.replace(year=2029),
                "notes": "Demo content: consent form kept by the community team.",
            },
        )
    return people


def ensure_banner():
    """A plain brand-colour banner, made with Pillow: decorative, so no alt."""
    title = "Demo story banner"
    existing = get_image_model().objects.filter(title=title).first()
    return existing or ImageFactory(
        title=title,
        file__filename="story-banner.png",
        file__width=960,
        file__height=320,
        file__color="#00625e",
    )


def related_pages(targets):
    links = []
    for label, slug in targets:
        page = Page.objects.type(apps.get_model(label)).filter(slug=slug).first()
        if page:
            links.append(StoryRelatedPage(page=page))
    return links


def forum_body(people):
    return [
        (
            "rich_text",
            RichText(
                "<p>For three years the Northvale Community Leaders' Forum has met "
                "every other month online. Between 30 and 40 groups, from faith groups "
                "to food banks, join council officers, the police and the NHS to talk "
                "about what matters locally: town centre plans, antisocial behaviour, "
                "funding bids and the cost of living.</p>"
            ),
        ),
        (
            "pull_quote",
            {
                "person": people["whitfield"],
                "quote": "The forum lets us hear early what groups are seeing on the "
                "ground, and act on it together rather than guess.",
            },
        ),
        ("heading", {"text": "What the forum has achieved", "level": "h2"}),
        (
            "outcomes_list",
            {
                "outcomes": [
                    {
                        "title": "Winter health clinics",
                        "text": "Leaders told the NHS where people were not coming "
                        "forward, and pop-up clinics moved to community venues that "
                        "residents already trusted.",
                    },
                    {
                        "title": "Safer streets",
                        "text": "The forum named the places that felt least safe, and "
                        "police patrols were targeted there.",
                    },
                    {
                        "title": "Funding bids",
                        "text": "Partners wrote joint bids that brought new money into "
                        "two neighbourhood centres.",
                    },
                    {
                        "title": "Community events",
                        "text": "Ideas raised at the forum became a summer fair and a "
                        "series of open days run by local groups.",
                    },
                ]
            },
        ),
        ("heading", {"text": "The forum in numbers", "level": "h2"}),
        (
            "outcome_figures",
            {
                "figures": [
                    {
                        "value": Decimal(36),
                        "unit": "groups",
                        "label": "took part in the latest meeting",
                        "baseline": Decimal(12),
                        "target": None,
                        "measured_on": datetime.date(2026, 9, 24),
                        "source": "Northvale Council community team attendance records",
                    },
                    {
                        "value": Decimal(18),
                        "unit": "meetings",
                        "label": "held in three years",
                        "baseline": None,
                        "target": None,
                        "measured_on": datetime.date(2026, 9, 24),
                        "source": "Northvale Council community team",
                    },
                ]
            },
        ),
        (
            "pull_quote",
            {
                "person": people["patel"],
                "quote": "The forum gives small groups like ours a seat at the table, "
                "and we can see our ideas turn into things that happen.",
            },
        ),
        (
            "call_to_action",
            {
                "text": RichText(
                    "<p>Does your group work with people in Northvale? Join the next "
                    "meeting of the forum.</p>"
                ),
                "link_url": "",
                "link_text": "",
                "email": "community.team@northvale.example",
                "email_label": "the community team",
            },
        ),
    ]


def room_body(people):
    return [
        (
            "rich_text",
            RichText(
                "<p>The flats at Greenway Court had no shared space and little contact "
                "with local services. This spring a disused store room reopened as a "
                "community room, run by volunteers with support from the council and "
                "the police.</p><p>It now hosts a homework club, a housing advice "
                "surgery, a weekly coffee morning and drop-in sessions with the "
                "neighbourhood police team.</p>"
            ),
        ),
        (
            "pull_quote",
            {
                "person": people["okafor"],
                "quote": "People who had lived on the same landing for years are now "
                "meeting each other for the first time.",
            },
        ),
        ("heading", {"text": "The first six weeks", "level": "h2"}),
        (
            "outcome_figures",
            {
                "figures": [
                    {
                        "value": Decimal(18),
                        "unit": "families",
                        "label": "supported directly by the room's services",
                        "baseline": Decimal(0),
                        "target": Decimal(15),
                        "measured_on": datetime.date(2026, 10, 30),
                        "source": "Greenway Court volunteers' sign-in records",
                    },
                    {
                        "value": Decimal(41),
                        "unit": "individuals",
                        "label": "supported directly by the room's services",
                        "baseline": None,
                        "target": None,
                        "measured_on": datetime.date(2026, 10, 30),
                        "source": "Greenway Court volunteers' sign-in records",
                    },
                    {
                        "value": Decimal(4),
                        "unit": "sessions a week",
                        "label": "run from the room",
                        "baseline": None,
                        "target": None,
                        "measured_on": datetime.date(2026, 10, 30),
                        "source": "Northvale Council community team",
                    },
                ]
            },
        ),
        (
            "pull_quote",
            {
                "person": people["lindqvist"],
                "quote": "Having a regular, friendly place to meet residents has done "
                "more for trust than any leaflet drop.",
            },
        ),
        (
            "rich_text",
            RichText(
                "<p>Residents are now talking about starting a tenants' association.</p>"
            ),
        ),
        (
            "video",
            {
                "url": "https://video.northvale.example/greenway-court-community-room",
                "title": "A morning at the Greenway Court community room",
                "duration": "3 minutes",
                "transcript_url": "",
            },
        ),
        (
            "call_to_action",
            {
                "text": RichText(
                    "<p>Could you give two hours a week to help run the room?</p>"
                ),
                "link_url": "",
                "link_text": "",
                "email": "volunteering@northvale.example",
                "email_label": "the volunteering team",
            },
        ),
    ]


def load(home):
    index = ensure_child(
        home,
        StoryIndexPageFactory,
        "success-stories",
        title="Success stories",
        intro="<p>What changed because residents, groups and the council worked together.</p>",
        show_in_menus=True,
    )
    people = ensure_people()
    areas = ensure_areas()
    ensure_child(
        index,
        StoryPageFactory,
        "community-leaders-forum-three-years",
        title="Three years of the Community Leaders' Forum",
        published_on=datetime.date(2026, 10, 14),
        summary="How a bi-monthly online meeting of local groups shaped health "
        "clinics, policing and funding bids.",
        body=forum_body(people),
        tags=["Community safety", "Health", "Funding", "Community groups"],
        areas=[areas["northvale-town"]],
        related_pages=related_pages(FORUM_RELATED),
    )
    ensure_child(
        index,
        StoryPageFactory,
        "greenway-court-community-room",
        title="A community room brings Greenway Court together",
        published_on=datetime.date(2026, 11, 2),
        summary="A disused store room became a hub for neighbours and local services.",
        hero_image=ensure_banner(),
        hero_image_decorative=True,
        body=room_body(people),
        tags=["Community safety", "Volunteering", "Housing"],
        areas=[areas["eastside"], areas["greenway"]],
    )
