"""/api/ocd/: committee business as Open Civic Data-shaped JSON."""

import datetime

import pytest
from django.utils import timezone

from committees.enums import MinutesStatus
from committees.factories import (
    ActionFactory,
    ActionUpdateFactory,
    AgendaItemPageFactory,
    CommitteeMembershipFactory,
    CommitteePageFactory,
    MotionFactory,
    ResolutionFactory,
)
from tests.queries import count_queries

from .conftest import meeting, uk

pytestmark = pytest.mark.django_db

ENDPOINTS = ["organizations", "events", "resolutions", "votes", "actions"]


def url(name, query=""):
    return f"/api/ocd/{name}/" + (f"?{query}" if query else "")


def get(client, name, query=""):
    response = client.get(url(name, query))
    assert response.status_code == 200, response.content
    assert response["Content-Type"] == "application/json"
    return response.json()


def every_page(client, name):
    """Every result of an endpoint, following its `next` links."""
    results, link = [], url(name, "per_page=1")
    while link:
        response = client.get(link)
        assert response.status_code == 200
        data = response.json()
        results += data["results"]
        link = data["pagination"]["next"]
    return results


@pytest.mark.parametrize("name", ENDPOINTS)
def test_nothing_hidden_ever_appears(client, business, name):
    """Exempt and unpublished items, meetings without published minutes (for
    their records), view-restricted meetings and committees: none of them,
    on any page."""
    assert "SECRET" not in client.get(url(name, "per_page=100")).content.decode()
    assert "SECRET" not in str(every_page(client, name))


@pytest.mark.parametrize("name", ENDPOINTS)
def test_endpoints_are_paginated_json_for_anyone(client, business, name):
    response = client.get(url(name))
    assert response["Access-Control-Allow-Origin"] == "*"
    data = response.json()
    assert set(data) == {"results", "pagination"}
    assert data["pagination"]["page"] == 1
    assert data["pagination"]["per_page"] == 50
    assert data["pagination"]["total_items"] == len(data["results"])


def test_organizations_are_committees_with_members_chair_first(client, business):
    data = get(client, "organizations")
    assert data["results"] == [
        {
            "id": business.page.get_parent().get_parent().pk,
            "name": "Health and Wellbeing Board",
            "classification": "committee",
            "description": "Improves the health of local people.",
            "url": "http://localhost/meetings-and-decisions/health-board/",
            "memberships": [
                {"person": {"name": "Cllr Chair Bea"}, "role": "Chair"},
                {"person": {"name": "Cllr Member Ann"}, "role": "Member"},
            ],
            "sources": [
                {"url": "http://localhost/meetings-and-decisions/health-board/"}
            ],
        }
    ]


def test_events_are_meetings_newest_first_with_public_agendas(
    client, business, june, item, board
):
    results = get(client, "events")["results"]
    assert [event["name"] for event in results] == [
        "Cancelled meeting",
        "Meeting on 11 June 2026",
        "Meeting on 01 May 2026",
    ]
    cancelled, held, unminuted = results
    assert cancelled["status"] == "cancelled"
    assert held == {
        "id": june.pk,
        "name": "Meeting on 11 June 2026",
        "classification": "committee-meeting",
        "start_date": "2026-06-11T14:00:00+01:00",
        "end_date": "2026-06-11T16:00:00+01:00",
        "timezone": "Europe/London",
        "all_day": False,
        "status": "passed",
        "location": {"name": "Council Chamber"},
        "links": [],
        "media": [
            {
                "note": "Webcast",
                "links": [
                    {
                        "media_type": "text/html",
                        "url": "https://webcast.example.org/june",
                    }
                ],
            }
        ],
        "documents": [],
        "participants": [
            {
                "entity_type": "organization",
                "id": board.pk,
                "name": "Health and Wellbeing Board",
                "note": "host",
            }
        ],
        "minutes_status": "draft",
        "agenda": [
            {
                "order": "5",
                "description": "Empowering our communities",
                "url": item.get_full_url(),
                "notes": ["The renewed ambition."],
                "related_entities": [
                    {
                        "entity_type": "resolution",
                        "id": business.pk,
                        "name": "Endorsed the ambition.",
                        "note": "Resolution 1",
                    },
                    {
                        "entity_type": "vote_event",
                        "id": item.motions.get().pk,
                        "name": "That the ambition be endorsed.",
                    },
                ],
            }
        ],
        "url": june.get_full_url(),
        "sources": [{"url": june.get_full_url()}],
    }
    # Before its minutes are out, an item is on the agenda without records.
    assert [entry["description"] for entry in unminuted["agenda"]] == [
        "Item before its minutes"
    ]
    assert unminuted["agenda"][0]["related_entities"] == []


def test_a_future_scheduled_meeting_is_confirmed(client, board):
    meeting(
        board,
        timezone.now() + datetime.timedelta(days=3),
        minutes_status=MinutesStatus.NONE,
    )
    assert [event["status"] for event in get(client, "events")["results"]] == [
        "confirmed"
    ]


def test_resolutions_carry_a_citation_and_their_meeting(
    client, business, june, item, board
):
    assert get(client, "resolutions")["results"] == [
        {
            "id": business.pk,
            "identifier": "2026-06-11/5/1",
            "text": "Endorsed the ambition.",
            "report_section": "5.2",
            "key_decision": False,
            "call_in": {"ends_on": None, "called_in_on": None, "outcome": None},
            "organization": {"id": board.pk, "name": "Health and Wellbeing Board"},
            "event": {
                "id": june.pk,
                "name": "Meeting on 11 June 2026",
                "start_date": "2026-06-11T14:00:00+01:00",
            },
            "agenda_item": {
                "order": "5",
                "description": "Empowering our communities",
                "url": item.get_full_url(),
            },
            "url": item.get_full_url() + "#resolution-1",
        }
    ]


def test_votes_are_motions_with_counts(client, business, june, item, board):
    motion = item.motions.get()
    assert get(client, "votes")["results"] == [
        {
            "id": motion.pk,
            "motion_text": "That the ambition be endorsed.",
            "start_date": "2026-06-11T14:00:00+01:00",
            "result": "pass",
            # Abstentions were not counted, so there is no figure for them.
            "counts": [{"option": "yes", "value": 7}, {"option": "no", "value": 2}],
            "mover": {"name": "Cllr Mover Di"},
            "seconder": {"name": "Cllr Seconder Ed"},
            "organization": {"id": board.pk, "name": "Health and Wellbeing Board"},
            "event": {
                "id": june.pk,
                "name": "Meeting on 11 June 2026",
                "start_date": "2026-06-11T14:00:00+01:00",
            },
            "agenda_item": {
                "order": "5",
                "description": "Empowering our communities",
                "url": item.get_full_url(),
            },
        }
    ]


def test_actions_carry_owner_progress_and_source(client, business, june, item, board):
    action = item.actions.get()
    assert get(client, "actions")["results"] == [
        {
            "id": action.pk,
            "description": "Report back on the ambition.",
            "owner": {"name": "Officer Cy", "role_title": "Director of Communities"},
            "due_date": action.due_on.isoformat(),
            "status": "in-progress",
            "overdue": True,
            "progress": [
                {"date": "2026-07-01", "note": "Second draft."},
                {"date": "2026-06-20", "note": "First draft."},
            ],
            "source": {
                "organization": {
                    "id": board.pk,
                    "name": "Health and Wellbeing Board",
                },
                "event": {
                    "id": june.pk,
                    "name": "Meeting on 11 June 2026",
                    "start_date": "2026-06-11T14:00:00+01:00",
                },
                "agenda_item": {
                    "order": "5",
                    "description": "Empowering our communities",
                    "url": item.get_full_url(),
                },
                "resolution": {
                    "id": business.pk,
                    "identifier": "2026-06-11/5/1",
                    "text": "Endorsed the ambition.",
                },
            },
        }
    ]


def test_people_appear_by_name_and_role_title_only(client, business):
    for person in (
        *(
            m["person"]
            for o in get(client, "organizations")["results"]
            for m in o["memberships"]
        ),
        *(
            v[key]
            for v in get(client, "votes")["results"]
            for key in ("mover", "seconder")
        ),
        *(a["owner"] for a in get(client, "actions")["results"]),
    ):
        assert set(person) <= {"name", "role_title"}


# Pagination


def test_pages_follow_a_stable_order(client, board):
    june = meeting(board, uk(2026, 6, 11))
    for n in range(5):
        ResolutionFactory(page=AgendaItemPageFactory(parent=june, item_number=str(n)))
    first = get(client, "resolutions", "per_page=2")
    assert first["pagination"] == {
        "page": 1,
        "per_page": 2,
        "max_page": 3,
        "total_items": 5,
        "next": "http://testserver/api/ocd/resolutions/?per_page=2&page=2",
        "previous": None,
    }
    last = get(client, "resolutions", "per_page=2&page=3")
    assert last["pagination"]["next"] is None
    assert last["pagination"]["previous"].endswith("?per_page=2&page=2")
    identifiers = [r["identifier"] for r in every_page(client, "resolutions")]
    assert identifiers == [f"2026-06-11/{n}/1" for n in range(5)]


@pytest.mark.parametrize("name", ENDPOINTS)
@pytest.mark.parametrize(
    ("query", "status"),
    [
        ("page=999", 404),
        ("page=0", 400),
        ("page=abc", 400),
        ("page=-1", 400),
        ("page=1.5", 400),
        ("page=%C2%B2", 400),
        ("page=99999999999999999999", 400),
        ("per_page=0", 400),
        ("per_page=101", 400),
        ("per_page=x", 400),
    ],
)
def test_bad_pages_are_clean_json_errors(client, business, name, query, status):
    response = client.get(url(name, query))
    assert response.status_code == status
    assert response["Content-Type"] == "application/json"
    assert set(response.json()) == {"error"}


@pytest.mark.parametrize("name", ENDPOINTS)
def test_an_empty_endpoint_has_one_empty_page(client, home_page, name):
    data = get(client, name)
    assert data["results"] == []
    assert data["pagination"]["total_items"] == 0


@pytest.mark.parametrize("name", ENDPOINTS)
def test_endpoints_are_read_only(client, name):
    assert client.post(url(name)).status_code == 405


# Queries


def add_business(board, count):
    """`count` agenda items at a new meeting, each with minuted records, and
    as many members of the committee."""
    june = meeting(board, uk(2026, 6, 1) + datetime.timedelta(hours=count))
    for _n in range(count):
        item = AgendaItemPageFactory(parent=june)
        resolution = ResolutionFactory(page=item)
        MotionFactory(page=item)
        action = ActionFactory(agenda_item=item, resolution=resolution)
        ActionUpdateFactory(action=action)
        ActionUpdateFactory(action=action)
        CommitteeMembershipFactory(page=board)


@pytest.mark.parametrize("name", ENDPOINTS)
def test_query_count_does_not_grow_with_the_data(client, index, name):
    board = CommitteePageFactory(parent=index)
    add_business(board, 2)
    small = count_queries(client, url(name))
    for _ in range(3):
        add_business(CommitteePageFactory(parent=index), 30)
    assert count_queries(client, url(name)) == small
    assert small <= 8
