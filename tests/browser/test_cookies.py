"""QUALITY PRIV-08: a resident's fresh browser gets no cookie but the
essential one the cookies page names (the CSRF token, on pages with a form),
so the site needs no consent banner; and the cookies page says so."""

from urllib.parse import urlsplit

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ESSENTIAL = {"csrftoken"}


def test_a_resident_gets_only_essential_cookies(browser, demo_server):
    context = browser.new_context()
    page = context.new_page()
    for path in ("/", "/have-your-say/", "/meetings-and-decisions/", "/search/?q=park"):
        page.goto(demo_server + path)
    page.goto(demo_server + "/have-your-say/")
    page.get_by_role("link", name="Working with our communities 2027 to 2031").click()
    page.get_by_role("button", name="Submit response").click()
    page.wait_for_load_state()
    cookies = context.cookies()
    assert {cookie["name"] for cookie in cookies} <= ESSENTIAL
    assert {cookie["domain"] for cookie in cookies} <= {urlsplit(demo_server).hostname}
    page.goto(demo_server + "/cookies/")
    listed = page.locator("main li strong").all_inner_texts()
    assert set(listed) >= ESSENTIAL
    context.close()
