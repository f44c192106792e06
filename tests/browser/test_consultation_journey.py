"""A resident answers a consultation in a real browser: finds it from the
home page, makes a mistake, corrects it and gets a reference. Every state
passes axe-core (QUALITY ACC-01) and follows the GOV.UK error pattern (ACC-03).
"""

import re

import pytest
from playwright.sync_api import expect

from consultations.submissions import ConsultationResponse
from tests.browser.conftest import assert_no_axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def quick_forms(settings):
    # People take longer than three seconds; a scripted browser does not.
    settings.CONSULTATION_MIN_FILL_SECONDS = 0


@pytest.mark.parametrize("javascript", [True, False], ids=["with-js", "without-js"])
def test_resident_responds_after_correcting_a_mistake(
    browser, demo_server, quick_forms, javascript
):
    context = browser.new_context(java_script_enabled=javascript)
    page = context.new_page()

    def check(page):
        # axe runs as a script: it cannot run where scripts are switched off.
        # The markup is the same either way, so the JavaScript run covers it.
        if javascript:
            assert_no_axe_violations(page)

    page.goto(demo_server + "/")
    page.get_by_role("link", name="Have your say").first.click()
    check(page)
    page.get_by_role("link", name="Working with our communities 2027 to 2031").click()
    check(page)

    # Miss the required questions.
    page.get_by_label("What else could the council do").fill("More youth clubs.")
    page.get_by_role("button", name="Submit response").click()
    # expect() waits for the answer to load; reading the title at once can
    # catch the page between documents, with no title at all.
    expect(page).to_have_title(re.compile(r"^Error: "))
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_visible()
    if javascript:
        expect(summary).to_be_focused()
    expect(page.get_by_label("What else could the council do")).to_have_value(
        "More youth clubs."
    )
    check(page)

    summary.get_by_role(
        "link", name="Select an answer for “How far do you agree"
    ).click()
    page.get_by_label("Agree", exact=True).check()
    page.get_by_label("Are you responding as").select_option("A resident")
    page.get_by_label("I have read how my information will be used").check()
    page.get_by_role("button", name="Submit response").click()

    panel = page.locator(".govuk-panel")
    expect(panel).to_contain_text("Response received")
    reference = ConsultationResponse.objects.get().reference
    expect(panel).to_contain_text(reference)
    check(page)
    context.close()


def test_closed_consultation_says_so_instead_of_a_form(page, demo_server):
    page.goto(demo_server + "/have-your-say/town-centre-parking/")
    expect(page.get_by_role("button", name="Submit response")).to_have_count(0)
    expect(page.get_by_text("This consultation closed at")).to_be_visible()
    assert_no_axe_violations(page)


def test_concluded_consultation_shows_its_outcome(page, demo_server):
    page.goto(demo_server + "/have-your-say/library-opening-hours/")
    outcome = page.get_by_role("region", name="Outcome")
    expect(outcome.get_by_role("heading", name="We did")).to_be_visible()
    assert_no_axe_violations(page)
