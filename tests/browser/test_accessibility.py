"""Every public page type in a real browser: no axe-core violations against
WCAG 2.2 A and AA (QUALITY ACC-01), reflow at 320 CSS pixels (ACC-06), and the
skip link first in the tab order (ACC-07; the rest of ACC-07, and text at
200 %, are in test_keyboard.py)."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import axe_report
from tests.demo_pages import PAGE_TYPES
from tests.error_states import error_state_pages

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


def problems_on(page, url) -> list[str]:
    """axe at desktop width and at 320px, and sideways scrolling at 320px."""
    problems = []
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(url)
    for width in (1280, 320):
        page.set_viewport_size({"width": width, "height": 800})
        if report := axe_report(page):
            problems.append(f"at {width}px:\n{report}")
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    if overflow > 0:
        problems.append(f"scrolls sideways by {overflow}px at 320px wide")
    return problems


def test_every_page_type_passes_axe_and_reflows_at_320px(page, demo_server):
    # One pass over every page type: loading the demo site once, not per page,
    # keeps the suite fast; the report still names each failing page.
    failures = {
        name: found
        for name, path in PAGE_TYPES.items()
        if (found := problems_on(page, demo_server + path))
    }
    assert not failures, "\n\n".join(
        f"{name} ({PAGE_TYPES[name]}): " + "\n".join(found)
        for name, found in failures.items()
    )


def test_first_tab_reaches_the_skip_link_which_moves_focus_to_main(page, demo_server):
    page.goto(demo_server + "/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Skip to main content"
    page.keyboard.press("Enter")
    expect(page).to_have_url(demo_server + "/#main-content")
    expect(page.locator("#main-content")).to_be_focused()


def test_resident_finds_an_open_consultation_from_the_home_page(page, demo_server):
    page.goto(demo_server + "/")
    open_section = page.get_by_role("region", name="Open consultations")
    open_section.get_by_role("link", name="Working with our communities").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Working with our communities 2027 to 2031"
    )
    expect(page.get_by_text("Open", exact=True)).to_be_visible()


def test_navigation_marks_the_current_section(page, demo_server):
    page.goto(demo_server + "/success-stories/community-leaders-forum-three-years/")
    nav = page.get_by_role("navigation", name="Menu")
    expect(nav.locator("[aria-current]")).to_have_text("Success stories")
    breadcrumbs = page.get_by_role("navigation", name="Breadcrumb")
    expect(breadcrumbs.get_by_role("link")).to_have_text(["Home", "Success stories"])


def test_refusal_and_error_pages_pass_axe(page, demo_server, settings):
    """The pages residents see when a response is refused, a filter is wrong or
    the service fails, laid out with the site's own stylesheet."""
    page.goto(demo_server + "/")
    failures = {}
    for name, content in error_state_pages(settings).items():
        page.set_content(content.decode())
        if report := axe_report(page):
            failures[name] = report
    assert not failures, "\n\n".join(f"{k}: {v}" for k, v in failures.items())
