"""A resident finds a committee's latest decisions from the home page, in a
real browser; a meeting page prints as a minutes document."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_no_axe_violations

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

BOARD = "Health and Wellbeing Board"
ITEM = "Item 5: Empowering our communities"


def test_resident_finds_the_latest_decisions_of_a_committee(page, demo_server):
    page.goto(demo_server + "/")
    page.get_by_role("navigation", name="Menu").get_by_role(
        "link", name="Meetings and decisions"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Meetings and decisions")
    page.get_by_role("link", name=BOARD).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(BOARD)

    decisions = page.get_by_role("region", name="Latest decisions")
    expect(decisions).to_contain_text("Agreed that the Director of Communities leads")
    decisions.get_by_role("link", name="resolution 3").click()

    expect(page.get_by_role("heading", level=1)).to_have_text(ITEM)
    resolution = page.locator("#resolution-3")
    expect(resolution).to_be_in_viewport()
    expect(resolution).to_contain_text("See section 5.4 of the report.")
    minutes = page.get_by_role("region", name="Minutes")
    expect(minutes).to_contain_text("left the meeting at 3:25pm")
    assert_no_axe_violations(page)


def test_a_meeting_page_prints_as_a_minutes_document(page, demo_server):
    page.goto(
        demo_server + "/meetings-and-decisions/health-and-wellbeing-board/meeting-held/"
    )
    page.emulate_media(media="print")
    for chrome in (".engage-header", ".govuk-service-navigation", ".govuk-footer"):
        expect(page.locator(chrome).first).to_be_hidden()
    expect(page.get_by_role("heading", name="Agenda and minutes")).to_be_visible()
    expect(
        page.get_by_role("heading", name="Key points raised in the discussion")
    ).to_be_visible()
    expect(page.locator(".engage-minutes__resolutions").first).to_be_visible()
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF")
