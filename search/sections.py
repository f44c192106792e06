"""Which page types site search covers, grouped as residents filter them."""

from committees.models import (
    AgendaItemPage,
    CommitteeIndexPage,
    CommitteePage,
    MeetingPage,
)
from consultations.models import ConsultationIndexPage, ConsultationPage
from home.models import HomePage, StandardPage
from stories.models import StoryIndexPage, StoryPage

# (value in ?type=, label, page types). Only these types are ever searched.
SECTIONS = [
    ("consultations", "Consultations", (ConsultationIndexPage, ConsultationPage)),
    (
        "meetings",
        "Meetings and decisions",
        (CommitteeIndexPage, CommitteePage, MeetingPage, AgendaItemPage),
    ),
    ("stories", "Success stories", (StoryIndexPage, StoryPage)),
    ("other", "Other pages", (HomePage, StandardPage)),
]

PUBLIC_TYPES = tuple(model for _, _, models in SECTIONS for model in models)

# What a result says it is, beside its title.
TYPE_LABELS = {
    HomePage: "Page",
    StandardPage: "Page",
    ConsultationIndexPage: "Consultations",
    ConsultationPage: "Consultation",
    CommitteeIndexPage: "Meetings and decisions",
    CommitteePage: "Committee",
    MeetingPage: "Meeting",
    AgendaItemPage: "Agenda item",
    StoryIndexPage: "Success stories",
    StoryPage: "Success story",
}


def models_for(section: str) -> tuple:
    for value, _, models in SECTIONS:
        if value == section:
            return models
    return PUBLIC_TYPES
