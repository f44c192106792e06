"""Key decisions and call-in, as Modern.gov's decision pages show them: a
resolution is marked as a key decision, and says whether scrutiny can still
call it in, did, or can no longer."""

import csv
import datetime
import io

import pytest
from django.core.exceptions import ValidationError
from freezegun import freeze_time

from committees.enums import CallInOutcome
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
    assert found["call_in"] == {
        "ends_on": "2026-06-18",
        "called_in_on": None,
        "outcome": None,
    }
    assert all(
        r["key_decision"] is False for r in results if r["id"] != key_decision.pk
    )


def test_an_ordinary_resolution_says_nothing_of_either(client, item):
    ResolutionFactory(page=item, text="Noted the report.", report_section="")
    page = soup(client.get(item.url))
    assert "Key decision" not in text(page.find("main"))
    assert text(page.find(id="resolution-1")) == "Noted the report."


# Scrutiny's conclusion on a decision called in --------------------------------


def test_what_scrutiny_concluded_follows_the_call_in():
    call_in = call_in_on(
        DAY,
        DAY - datetime.timedelta(days=2),
        DAY + datetime.timedelta(days=20),
        "Referred back to the decision maker to reconsider",
    )
    assert str(call_in) == (
        "Called in for scrutiny on 16 June 2026: referred back to the decision "
        "maker to reconsider"
    )


@freeze_time("2026-06-20 12:00")
def test_a_conclusion_needs_a_call_in_and_another_item(item):
    concluded = ResolutionFactory.build(
        page=item,
        call_in_ends_on=DAY,
        call_in_outcome=CallInOutcome.REFERRED_BACK,
    )
    with pytest.raises(ValidationError) as raised:
        concluded.clean()
    assert raised.value.message_dict == {
        "called_in_on": ["Enter the day it was called in first"]
    }
    concluded.called_in_on = DAY
    concluded.call_in_considered_at = item
    with pytest.raises(ValidationError) as raised:
        concluded.clean()
    assert "call_in_considered_at" in raised.value.message_dict


@pytest.fixture
def scrutiny_item(scrutiny):
    from committees.factories import AgendaItemPageFactory
    from tests.committees.conftest import meeting_with_minutes, uk

    meeting = meeting_with_minutes(scrutiny, uk(2026, 7, 2))
    return AgendaItemPageFactory(
        parent=meeting, item_number="3", title="Call-in: community grants"
    )


@freeze_time("2026-07-10 12:00")
def test_the_thread_from_a_decision_to_its_scrutiny_and_back(
    client, item, key_decision, scrutiny_item
):
    key_decision.called_in_on = datetime.date(2026, 6, 16)
    key_decision.call_in_outcome = CallInOutcome.NO_FURTHER_ACTION
    key_decision.call_in_considered_at = scrutiny_item
    key_decision.save()

    decided = soup(client.get(item.url)).find(id="resolution-1")
    assert (
        "Called in for scrutiny on 16 June 2026: no further action, so the "
        "decision takes effect." in text(decided)
    )
    [link] = [a for a in decided.find_all("a") if "How scrutiny" in text(a)]
    assert link["href"] == scrutiny_item.url

    considered = soup(client.get(scrutiny_item.url)).find(id="call-ins")
    card = considered.find_parent("section").select_one(".engage-card")
    assert card.find("a")["href"] == f"{item.url}#resolution-1"
    assert "Agreed the new community grants scheme." in text(card)

    # A scrutiny item the public may not open is not linked.
    scrutiny_item.is_exempt = True
    scrutiny_item.save_revision().publish()
    decided = soup(client.get(item.url)).find(id="resolution-1")
    assert "How scrutiny considered it" not in text(decided)
