"""Demo consultations, in our own words, shaped like a real council's."""

import datetime

from django.utils import timezone
from wagtail.rich_text import RichText

from core.demo import ensure_child
from places.demo import ensure_areas

from .factories import ConsultationIndexPageFactory, ConsultationPageFactory
from .models import QuestionField

AGREEMENT = (
    "Strongly agree\nAgree\nNeither agree nor disagree\nDisagree\nStrongly disagree"
)


def communities_questions():
    return [
        QuestionField(
            label="How far do you agree with the three ideas in our draft approach?",
            field_type="radio",
            choices=AGREEMENT,
            required=True,
        ),
        QuestionField(
            label="Which of the three ideas matters most to you?",
            field_type="checkboxes",
            choices="Acting early\nDeciding together\nBacking local groups",
            help_text="Select all that apply.",
            required=False,
        ),
        QuestionField(
            label="What else could the council do to help communities support each other?",
            field_type="multiline",
            required=False,
        ),
        QuestionField(
            label="Are you responding as",
            field_type="dropdown",
            choices="A resident\nA voluntary or community group\nA town or parish council"
            "\nA business\nSomeone else",
            required=True,
        ),
        QuestionField(
            label="Your postcode",
            field_type="singleline",
            help_text="So we can see which areas responses come from. We will not use "
            "it to identify you.",
            required=False,
        ),
        QuestionField(
            label="I have read how my information will be used",
            field_type="checkbox",
            required=True,
        ),
    ]


COMMUNITIES_BODY = [
    (
        "rich_text",
        RichText(
            "<p>Neighbourhood groups, volunteers and parish councils do much of what makes "
            "Northvale a good place to live. During the floods of 2024 they checked on "
            "neighbours, ran rest centres and delivered food long before any agency "
            "arrived.</p><p>Our draft approach sets out how the council will work "
            "alongside communities from 2027 to 2031. It rests on three ideas:</p><ul>"
            "<li><strong>Acting early</strong>: helping people before problems grow, so "
            "fewer need crisis support</li><li><strong>Deciding together</strong>: "
            "building trust so that residents shape local services rather than being "
            "told about them</li><li><strong>Backing local groups</strong>: giving "
            "voluntary groups and town and parish councils the help they need to run "
            "local activities</li></ul>"
        ),
    ),
    ("heading", {"text": "What we want to know", "level": "h2"}),
    (
        "rich_text",
        RichText(
            "<p>Do you agree with these ideas? What else could the council do to help "
            "communities support each other, and to make better use of local halls, "
            "parks and skills? Every answer is read by the team writing the final "
            "approach.</p>"
        ),
    ),
    (
        "inset_text",
        RichText(
            "<p>You can also respond by email to haveyoursay@northvale.example or by "
            "post to the Engagement Team, Civic Centre, Market Street, Northvale NV1 1AA.</p>"
        ),
    ),
]


def load(home):
    index = ensure_child(
        home,
        ConsultationIndexPageFactory,
        "have-your-say",
        title="Have your say",
        intro="<p>Tell us what you think about our plans before we decide.</p>",
        show_in_menus=True,
    )
    now = timezone.localtime().replace(hour=9, minute=0, second=0, microsecond=0)
    ensure_child(
        index,
        ConsultationPageFactory,
        "working-with-communities-2027-2031",
        title="Working with our communities 2027 to 2031",
        summary="Our draft approach to working alongside neighbourhood groups, "
        "volunteers and parish councils. Tell us if we have it right.",
        opens_at=now - datetime.timedelta(days=20),
        closes_at=(now + datetime.timedelta(days=40)).replace(hour=23, minute=59),
        body=COMMUNITIES_BODY,
        audience="Residents, voluntary and community groups, town and parish councils",
        area="Borough-wide",
        contact_name="Engagement Team",
        contact_email="haveyoursay@northvale.example",
        ways_to_respond="<p>Email haveyoursay@northvale.example, write to the "
        "Engagement Team at the Civic Centre, or come to a drop-in session at any "
        "Northvale library.</p>",
        form_fields=communities_questions(),
        ask_equality_questions=True,
        tags=["Communities", "Grants", "Volunteering"],
    )
    ensure_child(
        index,
        ConsultationPageFactory,
        "parks-and-open-spaces-strategy",
        title="Parks and open spaces strategy",
        summary="How should we look after Northvale's 42 parks over the next ten years?",
        opens_at=now + datetime.timedelta(days=14),
        closes_at=now + datetime.timedelta(days=14, weeks=12),
    )
    ensure_child(
        index,
        ConsultationPageFactory,
        "library-opening-hours",
        title="Library opening hours",
        summary="Proposed changes to opening hours at our five libraries.",
        opens_at=now - datetime.timedelta(weeks=20),
        closes_at=now - datetime.timedelta(weeks=8),
        tags=["Libraries"],
        we_asked="<p>We asked whether our five libraries should open later on "
        "weekdays and stay open on Saturday afternoons.</p>",
        you_said="<p>412 people responded. Most supported Saturday afternoons, but "
        "parents and carers told us that later weekday opening would clash with "
        "after-school visits.</p>",
        we_did="<p>From January, all five libraries open on Saturday afternoons and "
        "keep their current weekday hours.</p>",
        outcome_published_at=now - datetime.timedelta(weeks=2),
    )
    ensure_child(
        index,
        ConsultationPageFactory,
        "town-centre-parking",
        title="Town centre parking charges",
        summary="Proposed changes to parking charges in Northvale town centre.",
        areas=[ensure_areas()["northvale-town"]],
        opens_at=now - datetime.timedelta(weeks=14),
        closes_at=now - datetime.timedelta(weeks=2),
        tags=["Transport"],
    )
