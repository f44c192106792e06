"""The Content Security Policy breaks nothing on public pages (QUALITY SEC-03):
Chromium reports no violation, with JavaScript on, on each page type and on
a consultation's response form."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PATHS = [
    "/",
    "/have-your-say/",
    "/meetings-and-decisions/",
    "/meetings-and-decisions/decisions/",
    "/success-stories/",
]


def test_public_pages_raise_no_csp_violations(browser, demo_server):
    context = browser.new_context()
    page = context.new_page()
    problems = []
    page.on(
        "console",
        lambda message: (
            problems.append(message.text)
            if "Content Security Policy" in message.text
            else None
        ),
    )
    page.on("pageerror", lambda error: problems.append(str(error)))
    for path in PATHS:
        response = page.goto(demo_server + path)
        assert response.status == 200, path
        assert "default-src 'self'" in response.headers["content-security-policy"]
        # engage.mjs ran: GOV.UK Frontend's components are initialised.
        assert "govuk-frontend-supported" in page.evaluate("document.body.className")
    page.goto(demo_server + "/have-your-say/")
    page.get_by_role("link", name="Working with our communities 2027 to 2031").click()
    page.get_by_role("button", name="Submit response").click()
    page.wait_for_load_state()
    assert problems == []
    context.close()
