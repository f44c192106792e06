"""Key decisions and call-in, as Modern.gov's decision pages show them: a
resolution is marked as a key decision, and says whether scrutiny can still
call it in, did, or can no longer."""

import csv
import datetime
import io

import pytest
from django.core.exceptions import ValidationError
from freezegun import freeze_time

from committees.factories import ResolutionFactory
from committees.minutes import CallInState, call_in_on
from tests.committees.test_registers import register_url
from tests.html import soup, text

pytestmark = pytest.mark.django_db

DAY = datetime.date(2026, 6, 18)


@pytest.mark.parametrize(
    ("ends_on", "called_in_on", "state", "said"),
    [
        (None, None, None, None),
        (DAY, None, CallInState.OPEN, "Can be called in until 18 June 2026"),
        (
            DAY - datetime.timedelta(days=1),
            None,
            CallInState.ENDED,
            "Call-in period ended 17 June 2026: not called in",
        ),
        (
            DAY + datetime.timedelta(days=3),
            DAY - datetime.timedelta(days=2),
            CallInState.CALLED_IN,
            "Called in for scrutiny on 16 June 2026",
        ),
    ],
)
def test_where_a_decision_stands_with_call_in(ends_on, called_in_on, state, said):
    call_in = call_in_on(ends_on, called_in_on, DAY)
    assert (call_in and call_in.state) == state
    assert (call_in and str(call_in)) == said


@freeze_time("2026-06-20 12:00")
@pytest.mark.parametrize(
    ("ends_on", "called_in_on", "field"),
    [
        (None, DAY, "call_in_ends_on"),
        (DAY, DAY + datetime.timedelta(days=1), "called_in_on"),
        # Not yet: today is 20 June.
        (
            DAY + datetime.timedelta(days=9),
            DAY + datetime.timedelta(days=3),
            "called_in_on",
        ),
        # The meeting (the item fixture's) was on 11 June.
        (datetime.date(2026, 6, 10), None, "call_in_ends_on"),
    ],
)
def test_a_call_in_must_fall_within_its_period(item, ends_on, called_in_on, field):
    resolution = ResolutionFactory.build(
        page=item, call_in_ends_on=ends_on, called_in_on=called_in_on
    )
    with pytest.raises(ValidationError) as raised:
        resolution.clean()
    assert field in raised.value.message_dict


@pytest.fixture
def key_decision(item):
    return ResolutionFactory(
        page=item,
        text="Agreed the new community grants scheme.",
        key_decision=True,
        call_in_ends_on=datetime.date(2026, 6, 18),
    )


@freeze_time("2026-06-15 12:00")
def test_the_register_marks_key_decisions_and_lists_them_alone(
    client, index, decisions, key_decision
):
    everything = soup(client.get(register_url(index)))
    marked = [
        entry
        for entry in everything.select("#main-content .engage-card")
        if entry.select_one(".govuk-tag")
    ]
    assert len(marked) == 1
    assert text(marked[0].select_one(".govuk-tag")) == "Key decision"
    assert "Can be called in until 18 June 2026." in text(marked[0])

    only = soup(client.get(register_url(index, "key_decisions=on")))
    cards = only.select("#main-content .engage-card")
    assert [text(card.select_one("p.govuk-body")) for card in cards] == [
        "Resolution 3: Agreed the new community grants scheme."
    ]
    assert only.find(id="id_key_decisions").has_attr("checked")
    assert text(only.find(id="results-heading")) == "1 decision found"


@freeze_time("2026-06-19 12:00")
def test_the_item_shows_the_call_in_period_has_ended(client, item, key_decision):
    page = soup(client.get(item.url))
    minuted = page.find(id="resolution-1")
    assert "Key decision" in text(minuted)
    assert "Call-in period ended 18 June 2026: not called in." in text(minuted)


def test_the_csv_and_the_open_data_carry_them(client, index, decisions, key_decision):
    csv_url = index.url + index.reverse_subpage("decisions_csv")
    body = b"".join(client.get(csv_url).streaming_content).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(body)))
    marked = [row for row in rows if row["Key decision"] == "Yes"]
    assert [(row["Resolution"], row["Call-in period ends"]) for row in marked] == [
        ("Agreed the new community grants scheme.", "2026-06-18")
    ]
    assert {row["Key decision"] for row in rows} == {"Yes", "No"}

    results = client.get("/api/ocd/resolutions/").json()["results"]
    found = next(r for r in results if r["id"] == key_decision.pk)
    assert found["key_decision"] is True
    assert found["call_in"] == {"ends_on": "2026-06-18", "called_in_on": None}
    assert all(
        r["key_decision"] is False for r in results if r["id"] != key_decision.pk
    )


def test_an_ordinary_resolution_says_nothing_of_either(client, item):
    ResolutionFactory(page=item, text="Noted the report.", report_section="")
    page = soup(client.get(item.url))
    assert "Key decision" not in text(page.find("main"))
    assert text(page.find(id="resolution-1")) == "Noted the report."
