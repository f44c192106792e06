"""/api/ocd/ filters: by committee, meeting, meeting dates and, for actions,
status and overdue; bad values answer 400 saying what is wrong."""

import datetime

import pytest
from django.utils import timezone
from wagtail.models import PageViewRestriction

from committees.enums import ActionStatus
from committees.factories import (
    ActionFactory,
    AgendaItemPageFactory,
    CommitteePageFactory,
    MotionFactory,
    ResolutionFactory,
)
from tests.queries import count_queries

from .conftest import meeting, uk

pytestmark = pytest.mark.django_db


def ids(client, name, query=""):
    response = client.get(f"/api/ocd/{name}/?{query}")
    assert response.status_code == 200, response.content
    return [result["id"] for result in response.json()["results"]]


@pytest.fixture
def two_committees(index, board, june):
    """The board's June meeting and a planning meeting in March, each with
    one item carrying a resolution, a motion and an action."""
    planning = CommitteePageFactory(parent=index, title="Planning", slug="planning")
    march = meeting(planning, uk(2026, 3, 4))
    records = {}
    for key, at in (("june", june), ("march", march)):
        item = AgendaItemPageFactory(parent=at)
        resolution = ResolutionFactory(page=item)
        records[key] = {
            "meeting": at,
            "resolution": resolution,
            "motion": MotionFactory(page=item),
            "action": ActionFactory(
                agenda_item=item,
                resolution=resolution,
                status=ActionStatus.OPEN,
                due_on=uk(2020, 1, 1).date() if key == "march" else None,
            ),
        }
    return board, planning, records


RECORD = {"resolutions": "resolution", "votes": "motion", "actions": "action"}


@pytest.mark.parametrize("name", ["events", *RECORD])
def test_by_committee(client, two_committees, name):
    board, planning, records = two_committees
    key = RECORD.get(name, "meeting")
    assert ids(client, name, f"organization={planning.pk}") == [
        records["march"][key].pk
    ]
    assert ids(client, name, f"organization={board.pk}") == [records["june"][key].pk]
    assert ids(client, name, "organization=999999") == []


@pytest.mark.parametrize("name", ["events", *RECORD])
def test_only_public_committees_filter_anything(client, index, two_committees, name):
    """An id that is not a public committee (a meeting's, an unpublished or a
    private committee's) gives an empty list, never their business."""
    _, _, records = two_committees
    hidden = CommitteePageFactory(parent=index, title="SECRET", live=False)
    private = CommitteePageFactory(parent=index, title="SECRET private")
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.LOGIN
    )
    for committee in (hidden, private):
        item = AgendaItemPageFactory(parent=meeting(committee, uk(2026, 5, 5)))
        ActionFactory(agenda_item=item, resolution=ResolutionFactory(page=item))
        MotionFactory(page=item)
    for other in (hidden, private, records["june"]["meeting"]):
        assert ids(client, name, f"organization={other.pk}") == []


@pytest.mark.parametrize("name", ["events", *RECORD])
def test_dates_are_the_meetings_day_in_the_uk(client, board, name):
    """Half past midnight on 11 June in London is still 10 June in UTC."""
    starts_at = timezone.make_aware(datetime.datetime(2026, 6, 11, 0, 30))
    item = AgendaItemPageFactory(parent=meeting(board, starts_at))
    records = {
        "meeting": item.get_parent(),
        "resolution": ResolutionFactory(page=item),
        "motion": MotionFactory(page=item),
    }
    records["action"] = ActionFactory(
        agenda_item=item, resolution=records["resolution"]
    )
    expected = [records[RECORD.get(name, "meeting")].pk]
    assert ids(client, name, "since=2026-06-11") == expected
    assert ids(client, name, "until=2026-06-10") == []


@pytest.mark.parametrize("name", ["events", *RECORD])
def test_by_meeting_date(client, two_committees, name):
    _, _, records = two_committees
    key = RECORD.get(name, "meeting")
    assert ids(client, name, "since=2026-06-11") == [records["june"][key].pk]
    assert ids(client, name, "until=2026-06-10") == [records["march"][key].pk]
    assert ids(client, name, "since=2026-03-04&until=2026-03-04") == [
        records["march"][key].pk
    ]


@pytest.mark.parametrize("name", list(RECORD))
def test_by_meeting(client, two_committees, name):
    _, _, records = two_committees
    june = records["june"]["meeting"]
    assert ids(client, name, f"event={june.pk}") == [records["june"][RECORD[name]].pk]


def test_actions_by_status_and_overdue(client, two_committees):
    _, _, records = two_committees
    late, undated = records["march"]["action"], records["june"]["action"]
    assert ids(client, "actions", "overdue=true") == [late.pk]
    assert ids(client, "actions", "overdue=false") == [undated.pk]
    assert ids(client, "actions", "status=open&overdue=true") == [late.pk]
    assert ids(client, "actions", "status=done") == []


@pytest.mark.parametrize(
    ("name", "query", "message"),
    [
        ("events", "organization=abc", "organization must be an id"),
        ("events", "organization=0", "organization must be an id"),
        ("resolutions", "event=99999999999", "event must be an id"),
        ("votes", "since=11/6/2026", "since must be a date as YYYY-MM-DD"),
        ("votes", "until=2026-02-30", "until must be a date as YYYY-MM-DD"),
        (
            "resolutions",
            "since=2026-06-12&until=2026-06-11",
            "until must be the same as or after since",
        ),
        ("actions", "status=late", "status must be one of open, in-progress"),
        ("actions", "overdue=yes", "overdue must be true or false"),
        ("actions", "since=%00", "since must be a date"),
        ("events", "organization=%D9%A1%D9%A2", "organization must be an id"),
        ("events", "organization=" + "9" * 5000, "organization must be an id"),
        ("events", "event=5", "event is not a filter of this list"),
        ("votes", "status=open", "status is not a filter of this list"),
        # Organizations take no filter at all.
        ("organizations", "organization=5", "organization is not a filter of this"),
        ("organizations", "since=2026-01-01", "since is not a filter of this list"),
    ],
)
def test_bad_filters_are_explained(client, two_committees, name, query, message):
    response = client.get(f"/api/ocd/{name}/?{query}")
    assert response.status_code == 400
    assert message in response.json()["error"]


def test_a_repeated_filter_takes_the_last_value(client, two_committees):
    board, planning, records = two_committees
    query = f"organization={planning.pk}&organization={board.pk}"
    assert ids(client, "events", query) == [records["june"]["meeting"].pk]


@pytest.mark.parametrize("name", ["events", *RECORD])
def test_a_filter_costs_at_most_one_query(client, two_committees, name):
    board, _, _ = two_committees
    plain = count_queries(client, f"/api/ocd/{name}/")
    filtered = count_queries(
        client, f"/api/ocd/{name}/?organization={board.pk}&since=2026-01-01"
    )
    assert filtered <= plain + 1
