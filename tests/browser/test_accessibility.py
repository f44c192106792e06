"""Every public page type in a real browser: no axe-core violations against
WCAG 2.2 A and AA (QUALITY ACC-01), reflow at 320 CSS pixels (ACC-06), and the
skip link first in the tab order (ACC-07)."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.browser.conftest import WCAG_22_AA
from tests.demo_pages import PAGE_TYPES

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


@pytest.mark.parametrize("path", PAGE_TYPES.values(), ids=PAGE_TYPES.keys())
def test_page_type_passes_axe_and_reflows_at_320px(page, demo_server, path):
    page.goto(demo_server + path)
    results = Axe().run(page, options=WCAG_22_AA)
    assert results.violations_count == 0, results.generate_report()

    page.set_viewport_size({"width": 320, "height": 640})
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, f"{path} scrolls sideways by {overflow}px at 320px wide"
    narrow = Axe().run(page, options=WCAG_22_AA)
    assert narrow.violations_count == 0, narrow.generate_report()


def test_first_tab_reaches_the_skip_link_which_moves_focus_to_main(page, demo_server):
    page.goto(demo_server + "/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Skip to main content"
    page.keyboard.press("Enter")
    expect(page).to_have_url(demo_server + "/#main-content")
    assert page.evaluate("document.activeElement.id") == "main-content"


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
