"""CSV downloads of the decisions register and the action tracker."""

import csv
import io

import pytest

from committees.factories import (
    ActionFactory,
    AgendaItemPageFactory,
    CommitteePageFactory,
    PersonFactory,
    ResolutionFactory,
)
from tests.html import soup

from .conftest import meeting, uk

pytestmark = pytest.mark.django_db


def route(index, name, query=""):
    url = index.url + index.reverse_subpage(name)
    return f"{url}?{query}" if query else url


def download(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    body = b"".join(response.streaming_content).decode()
    return list(csv.DictReader(io.StringIO(body)))


@pytest.fixture
def scrutiny_decision(index):
    scrutiny = CommitteePageFactory(parent=index, title="Scrutiny", slug="scrutiny")
    march = meeting(scrutiny, uk(2026, 3, 4), title="March")
    parking = AgendaItemPageFactory(parent=march, item_number="3", title="Parking")
    resolution = ResolutionFactory(page=parking, text="Asked for a review.")
    ActionFactory(agenda_item=parking, description="Review the charges.")
    return resolution


def test_decisions_csv_is_an_attachment_of_public_decisions(
    client, index, business, item, scrutiny_decision
):
    response = client.get(route(index, "decisions_csv"))
    assert response["Content-Disposition"] == 'attachment; filename="decisions.csv"'
    rows = download(client, route(index, "decisions_csv"))
    assert rows == [
        {
            "Committee": "Health and Wellbeing Board",
            "Meeting": "Meeting on 11 June 2026",
            "Meeting date": "2026-06-11",
            "Agenda item number": "5",
            "Agenda item": "Empowering our communities",
            "Resolution number": "1",
            "Resolution": "Endorsed the ambition.",
            "Report section": "5.2",
            "Key decision": "No",
            "Call-in period ends": "",
            "Called in on": "",
            "Scrutiny's conclusion": "",
            "Link": item.get_full_url() + "#resolution-1",
        },
        {
            "Committee": "Scrutiny",
            "Meeting": "March",
            "Meeting date": "2026-03-04",
            "Agenda item number": "3",
            "Agenda item": "Parking",
            "Resolution number": "1",
            "Resolution": "Asked for a review.",
            "Report section": "5.2",
            "Key decision": "No",
            "Call-in period ends": "",
            "Called in on": "",
            "Scrutiny's conclusion": "",
            "Link": scrutiny_decision.page.get_full_url() + "#resolution-1",
        },
    ]
    assert "SECRET" not in str(rows)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("committee=scrutiny", ["Asked for a review."]),
        ("date_from=1/6/2026", ["Endorsed the ambition."]),
        ("date_to=31/3/2026", ["Asked for a review."]),
        ("q=ambition", ["Endorsed the ambition."]),
        # A bad filter is left out; the good ones still apply.
        ("committee=nope&q=review", ["Asked for a review."]),
    ],
)
def test_decisions_csv_honours_the_filters(
    client, index, business, scrutiny_decision, query, expected
):
    rows = download(client, route(index, "decisions_csv", query))
    assert [row["Resolution"] for row in rows] == expected


def test_actions_csv_is_an_attachment_of_public_actions(
    client, index, business, scrutiny_decision
):
    response = client.get(route(index, "actions_csv"))
    assert response["Content-Disposition"] == 'attachment; filename="actions.csv"'
    rows = download(client, route(index, "actions_csv"))
    assert [row["Action"] for row in rows] == [
        "Report back on the ambition.",
        "Review the charges.",
    ]
    first = rows[0]
    assert first["Owner"] == "Officer Cy"
    assert first["Owner's role"] == "Director of Communities"
    assert first["Status"] == "In progress"
    assert first["Overdue"] == "Yes"
    assert first["Latest progress note"] == "Second draft."
    assert first["Date of latest progress note"] == "2026-07-01"
    assert first["Meeting date"] == "2026-06-11"
    assert first["Resolution number"] == "1"
    assert "SECRET" not in str(rows)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("committee=scrutiny", ["Review the charges."]),
        ("overdue=on", ["Report back on the ambition."]),
        ("status=open", ["Review the charges."]),
        ("status=nope&committee=scrutiny", ["Review the charges."]),
    ],
)
def test_actions_csv_honours_the_filters(
    client, index, business, scrutiny_decision, query, expected
):
    rows = download(client, route(index, "actions_csv", query))
    assert [row["Action"] for row in rows] == expected


@pytest.mark.parametrize("formula", ['=HYPERLINK("x")', "+1", "-1+2", "@SUM(A1)"])
def test_csv_cells_never_run_as_formulas(client, index, item, formula):
    ResolutionFactory(page=item, text=formula)
    ActionFactory(
        agenda_item=item, description=formula, owner=PersonFactory(name=formula)
    )
    decisions = download(client, route(index, "decisions_csv"))
    assert decisions[0]["Resolution"] == f"'{formula}"
    actions = download(client, route(index, "actions_csv"))
    assert actions[0]["Action"] == f"'{formula}"
    assert actions[0]["Owner"] == f"Cllr {formula}"


def test_registers_link_to_their_csv_keeping_the_filters(client, index, business):
    for register, csv_route, words in (
        ("decisions_register", "decisions_csv", "Download these decisions as CSV"),
        ("action_tracker", "actions_csv", "Download these actions as CSV"),
    ):
        page = soup(client.get(route(index, register, "committee=health-board")))
        expected = route(index, csv_route, "committee=health-board")
        assert page.find("a", string=words)["href"] == expected
        assert page.find("link", rel="alternate", type="text/csv")["href"] == expected
        assert page.find("link", rel="alternate", type="application/json")
        unfiltered = soup(client.get(route(index, register)))
        assert unfiltered.find("a", string=words)["href"] == route(index, csv_route)


def test_section_front_page_advertises_the_json(client, index):
    page = soup(client.get(index.url))
    assert [
        link["href"]
        for link in page.find_all("link", rel="alternate", type="application/json")
    ] == ["/api/ocd/organizations/", "/api/ocd/events/"]
