"""`manage.py generate_scale_data` builds the sizes it is asked for, the same
way every time for the same seed, and the site serves what it built."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction

from committees.models import (
    Action,
    AgendaItemPage,
    CommitteePage,
    MeetingPage,
    Resolution,
)
from consultations.models import ConsultationPage
from consultations.submissions import ConsultationResponse
from stories.models import StoryPage, StoryTag

pytestmark = pytest.mark.django_db

SIZES = {
    "consultations": 12,
    "responses": 300,
    "committees": 3,
    "meetings": 9,
    "agenda_items": 40,
    "resolutions": 70,
    "actions": 20,
    "stories": 15,
    "tags": 6,
}


def generate(seed=1):
    out = io.StringIO()
    call_command("generate_scale_data", seed=seed, no_index=True, stdout=out, **SIZES)
    return out.getvalue()


def made():
    return {
        "consultations": ConsultationPage.objects.filter(
            slug__startswith="scale-"
        ).count(),
        "responses": ConsultationResponse.objects.filter(
            reference__startswith="SCALE-"
        ).count(),
        "committees": CommitteePage.objects.filter(slug__startswith="scale-").count(),
        "meetings": MeetingPage.objects.filter(
            url_path__contains="/scale-committee-"
        ).count(),
        "agenda_items": AgendaItemPage.objects.filter(slug__startswith="item-").count(),
        "resolutions": Resolution.objects.filter(
            text__startswith="Agreed recommendation"
        ).count(),
        "actions": Action.objects.filter(description__startswith="Report back").count(),
        "stories": StoryPage.objects.filter(slug__startswith="scale-").count(),
    }


def test_it_builds_the_sizes_asked_for_and_says_how_long_it_took(client):
    output = generate()
    expected = {name: size for name, size in SIZES.items() if name != "tags"}
    assert made() == expected
    assert "Scale data ready in" in output
    assert StoryTag.objects.filter(content_object__slug__startswith="scale-").exists()
    # The tree is sound: the pages are served, numbered children and all.
    committee = CommitteePage.objects.get(slug="scale-committee-1")
    assert committee.numchild == committee.get_children().count() == 3
    assert client.get(committee.url).status_code == 200
    meeting = MeetingPage.objects.child_of(committee).first()
    assert client.get(meeting.url).status_code == 200


def snapshot():
    return (
        list(
            ConsultationPage.objects.order_by("path").values_list("title", "opens_at")
        ),
        list(AgendaItemPage.objects.order_by("path").values_list("title", "is_exempt")),
        list(Resolution.objects.order_by("pk").values_list("report_section")),
    )


def test_the_same_seed_builds_the_same_content():
    runs = []
    for _ in range(2):
        with transaction.atomic():
            generate(seed=7)
            runs.append(snapshot())
            transaction.set_rollback(True)
    assert runs[0][1] == runs[1][1]
    assert runs[0][2] == runs[1][2]
    # Dates follow the clock; titles follow the seed.
    assert [title for title, _ in runs[0][0]] == [title for title, _ in runs[1][0]]


def test_it_refuses_to_load_twice():
    generate()
    with pytest.raises(CommandError):
        generate()
