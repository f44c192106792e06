"""A resident finds what is happening where they live, in a real browser:
a postcode from the home page, a mistake corrected, then their ward's page
with its councillors and decisions."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_no_axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_resident_finds_their_ward_from_a_postcode(page, demo_server):
    page.goto(demo_server + "/")
    home_form = page.get_by_role("region", name="In your area")
    home_form.get_by_label("Enter your postcode").fill("NV9 9ZZ")
    home_form.get_by_role("button", name="Find").click()

    expect(page).to_have_title(re.compile(r"^Error: "))
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("We cannot find NV9 9ZZ in our area")
    assert_no_axe_violations(page)

    summary.get_by_role("link").click()
    postcode = page.get_by_label("Postcode")
    expect(postcode).to_be_focused()
    postcode.fill("nv1 4ab")
    page.get_by_role("button", name="Find").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Eastside")
    councillors = page.get_by_role("region", name="Your councillors")
    expect(councillors.get_by_role("link", name="Cllr Priya Castell")).to_be_visible()
    decisions = page.get_by_role("region", name="Decisions")
    expect(decisions).to_contain_text("evening pharmacy opening")
    assert_no_axe_violations(page)
