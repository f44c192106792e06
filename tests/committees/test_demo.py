import io

import pytest
from django.core.management import call_command

from committees.enums import AttendanceStatus, MembershipRole
from committees.models import (
    Action,
    ActionUpdate,
    AgendaItemPage,
    AttendanceEvent,
    CommitteeMembership,
    KeyPoint,
    MeetingAttendance,
    Person,
    Resolution,
)
from tests.demo_pages import PAGE_TYPES
from tests.html import section, soup, text

pytestmark = pytest.mark.django_db


def counts():
    return (
        Person.objects.count(),
        CommitteeMembership.objects.count(),
        MeetingAttendance.objects.count(),
        AgendaItemPage.objects.count(),
        KeyPoint.objects.count(),
        Resolution.objects.count(),
        Action.objects.count(),
        ActionUpdate.objects.count(),
    )


def test_demo_committee_content_is_loaded_once(demo_site):
    before = counts()
    assert before[0] >= 8 and before[3] == 5
    call_command("load_demo_content", stdout=io.StringIO())
    assert counts() == before


def test_demo_board_has_a_chair_and_the_held_meeting_a_substitute(demo_site):
    assert CommitteeMembership.objects.filter(role=MembershipRole.CHAIR).count() == 1
    substitute = MeetingAttendance.objects.get(status=AttendanceStatus.SUBSTITUTE)
    assert substitute.substitute_for is not None


def test_demo_agenda_item_links_the_demo_consultation(client, demo_site):
    response = client.get(PAGE_TYPES["agenda item"])
    assert response.status_code == 200
    considered = section(soup(response), "consultations-considered")
    link = considered.find("a")
    assert link["href"] == PAGE_TYPES["consultation"]
    assert text(soup(response).find("h1")) == "Item 5: Empowering our communities"


def test_demo_item_is_minuted_like_the_seed(demo_site):
    item = AgendaItemPage.objects.get(slug="empowering-our-communities")
    assert item.witnesses.count() == 1
    assert item.key_points.count() >= 3
    assert item.key_points.exclude(response="").exists()
    changes = set(
        AttendanceEvent.objects.filter(page=item).values_list("change", flat=True)
    )
    assert changes == {"left", "joined"}
    sections = list(item.resolutions.values_list("report_section", flat=True))
    assert sections == ["5.2", "5.3", "5.4"]
    owners = Action.objects.filter(agenda_item=item).values_list("owner", flat=True)
    assert len(owners) == 2 and all(owners)
    meeting = item.get_parent().specific
    assert meeting.minutes_published
