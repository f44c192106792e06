"""Minutes as records: what the public sees of them, when, and the rules that
keep them coherent. Part-two (exempt) items never leak."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.actions.move_page import MovePageAction
from wagtail.models import PageViewRestriction

from committees.enums import AttendanceChange, MinutesStatus
from committees.factories import (
    ActionFactory,
    AgendaItemPageFactory,
    AttendanceEventFactory,
    CommitteeIndexPageFactory,
    CommitteePageFactory,
    DeclarationFactory,
    KeyPointFactory,
    MeetingPageFactory,
    MotionFactory,
    PersonFactory,
    PublicQuestionFactory,
    ResolutionFactory,
    WitnessFactory,
)
from committees.models import (
    Action,
    AgendaItemPage,
    KeyPoint,
    MeetingPage,
    Motion,
    Resolution,
)
from tests.html import section, soup, text
from tests.queries import count_queries

pytestmark = pytest.mark.django_db
NOW = timezone.now()


@pytest.fixture
def committee(home_page):
    index = CommitteeIndexPageFactory(parent=home_page)
    return CommitteePageFactory(parent=index, title="Health and Wellbeing Board")


@pytest.fixture
def meeting(committee):
    return MeetingPageFactory(
        parent=committee, title="Spring meeting", with_minutes=True
    )


@pytest.fixture
def item(meeting):
    return AgendaItemPageFactory(
        parent=meeting, item_number="5", title="Empowering our communities"
    )


def full_minutes(item):
    """An item minuted like the seed: a witness, points with responses, a
    member leaving and another joining, resolutions and actions."""
    director = PersonFactory(
        title="", name="Helen Marsh", role_title="Director of Communities"
    )
    WitnessFactory(page=item, person=director)
    KeyPointFactory(
        page=item,
        raised_by="The Director of Communities",
        point="<p>Set out three lessons.</p>",
        sort_order=0,
    )
    KeyPointFactory(
        page=item,
        point="<p>Asked about voluntary groups.</p>",
        responded_by="the Director of Communities",
        response="<p>Agreed they were central.</p>",
        sort_order=1,
    )
    AttendanceEventFactory(
        page=item,
        person=PersonFactory(title="Professor", name="Alan Metcalfe"),
        change=AttendanceChange.LEFT,
        at=datetime.time(15, 25),
        during_point=1,
    )
    AttendanceEventFactory(
        page=item,
        person=PersonFactory(name="Ruth Adebayo"),
        change=AttendanceChange.JOINED,
        at=datetime.time(15, 28),
    )
    DeclarationFactory(page=item, person=PersonFactory(name="Sian Doyle"))
    PublicQuestionFactory(page=item)
    MotionFactory(page=item)
    resolutions = [
        ResolutionFactory(
            page=item, text=f"Resolution text {n}.", report_section=f"5.{n + 1}"
        )
        for n in range(1, 4)
    ]
    ActionFactory(
        agenda_item=item,
        resolution=resolutions[2],
        owner=director,
        description="Bring a progress report to the board.",
    )
    return resolutions


# Model rules


def test_records_made_in_code_are_numbered_in_order(item):
    first, second = ResolutionFactory(page=item), ResolutionFactory(page=item)
    assert (first.number, second.number) == (1, 2)
    point = KeyPointFactory(page=item)
    assert point.number == 1


def test_a_motion_is_not_seconded_by_its_mover(item):
    mover = PersonFactory()
    motion = Motion(page=item, text="That it be agreed.", mover=mover, seconder=mover)
    motion.result = "carried"
    with pytest.raises(ValidationError) as error:
        motion.full_clean()
    assert "seconder" in error.value.message_dict


def test_a_response_needs_its_text(item):
    point = KeyPoint(page=item, point="<p>A point.</p>", responded_by="The Director")
    with pytest.raises(ValidationError) as error:
        point.full_clean()
    assert "response" in error.value.message_dict


@pytest.mark.parametrize(
    ("status", "approved_on", "starts_in_days", "field"),
    [
        (MinutesStatus.APPROVED, None, -7, "minutes_approved_on"),
        (MinutesStatus.DRAFT, datetime.date(2026, 1, 1), -7, "minutes_approved_on"),
        (MinutesStatus.APPROVED, "before", -7, "minutes_approved_on"),
        (MinutesStatus.DRAFT, None, 7, "minutes_status"),
    ],
)
def test_minutes_status_rules(committee, status, approved_on, starts_in_days, field):
    starts_at = NOW + datetime.timedelta(days=starts_in_days)
    if approved_on == "before":
        approved_on = timezone.localdate(starts_at) - datetime.timedelta(days=1)
    meeting = MeetingPage(
        title="A meeting",
        slug="a-meeting",
        starts_at=starts_at,
        minutes_status=status,
        minutes_approved_on=approved_on,
    )
    with pytest.raises(ValidationError) as error:
        meeting.clean()
    assert field in error.value.message_dict


def test_approval_at_a_meeting_on_the_site_fills_in_its_date(committee, meeting):
    later = MeetingPageFactory(
        parent=committee, starts_at=NOW - datetime.timedelta(days=1)
    )
    meeting.minutes_status = MinutesStatus.APPROVED
    meeting.minutes_approved_at = later
    meeting.clean()
    assert meeting.minutes_approved_on == timezone.localdate(later.starts_at)


def test_an_action_takes_its_item_from_its_resolution(item, committee):
    resolution = ResolutionFactory(page=item)
    action = Action(description="Do it.", resolution=resolution, owner=PersonFactory())
    action.full_clean()
    assert action.agenda_item_id == item.pk

    other = AgendaItemPageFactory(parent=item.get_parent())
    action = Action(
        description="Do it.",
        resolution=resolution,
        agenda_item=other,
        owner=PersonFactory(),
    )
    with pytest.raises(ValidationError) as error:
        action.full_clean()
    assert "agenda_item" in error.value.message_dict

    with pytest.raises(ValidationError) as error:
        Action(description="Do it.", owner=PersonFactory()).full_clean()
    assert "agenda_item" in error.value.message_dict


def test_an_action_is_overdue_only_while_outstanding(item):
    today = timezone.localdate()
    action = ActionFactory(agenda_item=item, due_on=today - datetime.timedelta(days=1))
    assert action.is_overdue(today)
    action.status = "done"
    assert not action.is_overdue(today)
    action.save()
    assert not ActionFactory(agenda_item=item, due_on=None).is_overdue(today)
    assert Action.objects.overdue(today).count() == 0


# What the public sees


def test_an_item_page_shows_its_whole_minutes(client, item):
    full_minutes(item)
    page = soup(client.get(item.url))
    minutes = section(page, "minutes")
    assert "Draft" in text(minutes)
    witnesses = text(minutes.find("h3", string="Witnesses").find_next("ul"))
    assert witnesses == "Helen Marsh, Director of Communities, Northvale Council"
    points = minutes.select(".engage-minutes__points > li")
    assert len(points) == 2
    # The departure is minuted inside point 1; the arrival, tied to no point,
    # is listed on its own.
    assert "Professor Alan Metcalfe left the meeting at 3:25pm." in text(points[0])
    assert "Response from the Director of Communities" in text(points[1])
    assert "Cllr Ruth Adebayo joined the meeting at 3:28pm." in text(minutes)
    resolved = minutes.select(".engage-minutes__resolutions > li")
    assert [li["id"] for li in resolved] == [
        "resolution-1",
        "resolution-2",
        "resolution-3",
    ]
    assert "See section 5.4 of the report." in text(resolved[2])
    assert "Bring a progress report to the board." in text(minutes)
    assert "7 for, 2 against, 1 abstaining" in text(minutes)
    assert "Question from A resident of Hillside ward" in text(minutes)
    assert "Sian Doyle: other registrable interest." in text(minutes)


def unsaved_child(parent, page):
    """`page` placed below `parent` as the admin's preview of a new page
    places it, without saving it."""
    page.depth = parent.depth + 1
    page.path = parent.path + "9999"
    page.set_url_path(parent)
    return page


def test_a_new_item_can_be_previewed_with_its_minutes_before_its_first_save(
    meeting,
):
    item = unsaved_child(
        meeting,
        AgendaItemPage(
            title="Library hours",
            slug="library-hours",
            item_number="7",
            resolutions=[Resolution(text="To open on Sundays.")],
        ),
    )
    response = item.make_preview_request()
    assert response.status_code == 200
    minutes = soup(response)
    assert text(minutes.h1) == "Item 7: Library hours"
    assert "To open on Sundays." in text(minutes.main)


def test_a_new_meeting_can_be_previewed_before_its_first_save(committee):
    meeting = unsaved_child(
        committee,
        MeetingPage(title="Autumn meeting", slug="autumn", starts_at=NOW),
    )
    assert meeting.make_preview_request().status_code == 200


def test_minutes_stay_hidden_until_published(client, item, meeting):
    full_minutes(item)
    meeting.minutes_status = MinutesStatus.NONE
    meeting.save_revision().publish()
    assert "Resolution text 1." not in client.get(item.url).content.decode()
    assert "Resolution text 1." not in client.get(meeting.url).content.decode()


def test_approved_minutes_say_when_they_were_approved(client, item, meeting):
    meeting.minutes_status = MinutesStatus.APPROVED
    meeting.minutes_approved_on = timezone.localdate()
    meeting.save_revision().publish()
    full_minutes(item)
    page = soup(client.get(item.url))
    assert "These minutes were approved on" in text(section(page, "minutes"))


def test_a_meeting_page_carries_the_minutes_of_every_item(client, meeting, item):
    full_minutes(item)
    second = AgendaItemPageFactory(parent=meeting, item_number="6")
    ResolutionFactory(page=second, text="Noted the report.")
    page = soup(client.get(meeting.url))
    agenda = section(page, "agenda")
    assert "Resolution text 3." in text(agenda)
    assert "Noted the report." in text(agenda)
    ids = [tag["id"] for tag in page.select("[id]")]
    assert len(ids) == len(set(ids))


def test_the_meeting_page_makes_the_same_queries_for_5_and_50_minuted_items(
    client, meeting
):
    def add_items(count):
        for _ in range(count):
            full_minutes(AgendaItemPageFactory(parent=meeting))

    add_items(5)
    few = count_queries(client, meeting.url)
    add_items(45)
    many = count_queries(client, meeting.url)
    assert few == many


def test_the_item_page_makes_the_same_queries_however_long_its_minutes(client, item):
    full_minutes(item)
    few = count_queries(client, item.url)
    for _ in range(5):
        full_minutes(item)
    assert count_queries(client, item.url) == few


def test_minutes_with_every_kind_of_record_stay_within_15_queries(
    client, meeting, item
):
    full_minutes(item)
    assert count_queries(client, meeting.url) <= 15
    assert count_queries(client, item.url) <= 15


def test_each_kind_of_record_found_costs_one_query_and_absent_kinds_none(
    client, meeting, item
):
    ResolutionFactory(page=item, text="Agreed the report.")
    resolutions_only = count_queries(client, meeting.url)
    WitnessFactory(page=item, person=PersonFactory(name="Helen Marsh"))
    assert count_queries(client, meeting.url) == resolutions_only + 1
    document = soup(client.get(meeting.url))
    assert "Witnesses" in text(document.find("main"))
    assert "Declarations of interest" not in text(document.find("main"))


def test_published_minutes_with_no_records_show_no_minutes_parts(client, meeting, item):
    for url in (meeting.url, item.url):
        response = client.get(url)
        assert response.status_code == 200
        assert "Key points raised" not in text(soup(response).find("main"))


def test_minutes_of_a_meeting_without_items_cost_no_query(client, meeting):
    client.get(meeting.url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(meeting.url).status_code == 200
    assert not [q for q in queries if "UNION ALL" in q["sql"]]


# Part two never leaks


@pytest.fixture
def exempt_item(meeting):
    item = AgendaItemPageFactory(
        parent=meeting,
        item_number="9",
        title="Sale of land at Zanzibar Wharf",
        is_exempt=True,
    )
    ResolutionFactory(page=item, text="Agreed the Zanzibar sale price.")
    ActionFactory(agenda_item=item, description="Complete the Zanzibar sale.")
    return item


def test_an_exempt_item_shows_only_its_number(client, meeting, exempt_item):
    html = client.get(meeting.url).content.decode()
    assert "Item 9: exempt item" in html
    assert "Zanzibar" not in html
    assert client.get(exempt_item.url).status_code == 404


def test_exempt_records_are_never_public(exempt_item):
    assert not Resolution.objects.public().filter(page=exempt_item).exists()
    assert not Action.objects.public().filter(agenda_item=exempt_item).exists()


def test_records_of_restricted_or_unpublished_items_are_not_public(
    meeting, item, committee
):
    ResolutionFactory(page=item)
    assert Resolution.objects.public().count() == 1
    PageViewRestriction.objects.create(
        page=committee, restriction_type=PageViewRestriction.LOGIN
    )
    assert Resolution.objects.public().count() == 0
    PageViewRestriction.objects.all().delete()
    item.unpublish()
    assert Resolution.objects.public().count() == 0


@pytest.fixture
def search_updates(settings):
    settings.WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": "wagtail.search.backends.database",
            "AUTO_UPDATE": True,
        }
    }


def test_exempt_items_never_reach_the_search_index(search_updates, meeting):
    AgendaItemPageFactory(parent=meeting, title="Zanzibar Wharf", is_exempt=True)
    open_item = AgendaItemPageFactory(parent=meeting, title="Zanzibar Road")
    found = list(AgendaItemPage.objects.search("Zanzibar"))
    assert found == [open_item]

    # Made exempt after it was indexed: taken out again.
    open_item.is_exempt = True
    open_item.save_revision().publish()
    assert list(AgendaItemPage.objects.search("Zanzibar")) == []


def test_exempt_items_are_left_out_of_the_sitemap(exempt_item, item):
    assert exempt_item.get_sitemap_urls() == []
    assert item.get_sitemap_urls()


def test_an_item_knows_its_meeting_from_creation_moves_and_copies(
    committee, meeting, item
):
    assert item.meeting_id == meeting.pk
    other = MeetingPageFactory(parent=committee, title="Summer meeting")
    MovePageAction(item, other, pos="last-child").execute(skip_permission_checks=True)
    item.refresh_from_db()
    assert item.meeting_id == other.pk
    # Publishing a revision saved before the move keeps the new meeting.
    item.save_revision().publish()
    item.refresh_from_db()
    assert item.meeting_id == other.pk
    copy = item.copy(to=meeting, update_attrs={"slug": "copied-item"})
    assert AgendaItemPage.objects.get(pk=copy.pk).meeting_id == meeting.pk
    copied_meeting = meeting.copy(
        recursive=True, to=committee, update_attrs={"slug": "copied-meeting"}
    )
    assert {
        child.meeting_id for child in AgendaItemPage.objects.child_of(copied_meeting)
    } == {copied_meeting.pk}


def test_records_follow_their_item_to_another_meeting(committee, meeting, item):
    ResolutionFactory(page=item)
    draft = MeetingPageFactory(parent=committee, title="No minutes yet")
    MovePageAction(item, draft, pos="last-child").execute(skip_permission_checks=True)
    assert Resolution.objects.public().count() == 0
    MovePageAction(
        AgendaItemPage.objects.get(pk=item.pk),
        MeetingPage.objects.get(pk=meeting.pk),
        pos="last-child",
    ).execute(skip_permission_checks=True)
    assert Resolution.objects.public().count() == 1


def test_records_under_an_unpublished_committee_are_not_public(committee, item):
    ResolutionFactory(page=item)
    committee.unpublish()
    assert Resolution.objects.public().count() == 0
