"""Demo success stories, in our own words, shaped like real council stories."""

import datetime

from wagtail.rich_text import RichText

from core.demo import ensure_child

from .factories import StoryIndexPageFactory, StoryPageFactory

FORUM_BODY = [
    (
        "rich_text",
        RichText(
            "<p>For three years the Northvale Community Leaders' Forum has met every other "
            "month online. Between 30 and 40 groups, from faith groups to food banks, join "
            "council officers, the police and the NHS to talk about what matters locally: "
            "town centre plans, antisocial behaviour, funding bids and the cost of living.</p>"
        ),
    ),
    ("heading", {"text": "What the forum has achieved", "level": "h2"}),
    (
        "rich_text",
        RichText(
            "<ul><li><strong>Winter health clinics</strong>: leaders told the NHS where "
            "people were not coming forward, and pop-up clinics moved to community venues "
            "that residents already trusted.</li><li><strong>Safer streets</strong>: the "
            "forum named the places that felt least safe, and police patrols were "
            "targeted there.</li><li><strong>Funding bids</strong>: partners wrote joint "
            "bids that brought new money into two neighbourhood centres.</li></ul>"
        ),
    ),
    (
        "inset_text",
        RichText(
            "<p>\u201cThe forum gives small groups like ours a seat at the table, and we "
            "can see our ideas turn into things that happen.\u201d \u2014 Amira Patel, "
            "coordinator, Eastside Community Pantry</p>"
        ),
    ),
]

ROOM_BODY = [
    (
        "rich_text",
        RichText(
            "<p>The flats at Greenway Court had no shared space and little contact with "
            "local services. This spring a disused store room reopened as a community room, "
            "run by volunteers with support from the council and the police.</p><p>It now "
            "hosts a homework club, a housing advice surgery, a weekly coffee morning and "
            "drop-in sessions with the neighbourhood police team.</p>"
        ),
    ),
    ("heading", {"text": "The first six weeks", "level": "h2"}),
    (
        "rich_text",
        RichText(
            "<p>In its first six weeks the room directly supported 18 families and 41 "
            "individuals. Residents are now talking about starting a tenants' association.</p>"
        ),
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
    ensure_child(
        index,
        StoryPageFactory,
        "community-leaders-forum-three-years",
        title="Three years of the Community Leaders' Forum",
        published_on=datetime.date(2026, 10, 14),
        summary="How a bi-monthly online meeting of local groups shaped health "
        "clinics, policing and funding bids.",
        body=FORUM_BODY,
    )
    ensure_child(
        index,
        StoryPageFactory,
        "greenway-court-community-room",
        title="A community room brings Greenway Court together",
        published_on=datetime.date(2026, 11, 2),
        summary="A disused store room became a hub for neighbours and local services.",
        body=ROOM_BODY,
    )
