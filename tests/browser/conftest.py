"""Real-browser tests: Debian's Chromium driven by Playwright, against a live
Django server holding the demo content."""

import io
import os

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from django.core.management import call_command
from django.utils.translation import get_supported_language_variant
from wagtail.models import Collection, Locale, Page

from tests.conftest import CHROMIUM

# Playwright runs an event loop in the test thread; the ORM calls that fixtures
# make (including the database flush after each test) are still synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

WCAG_22_AA = {
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"],
    }
}


def axe_report(page) -> str:
    """axe-core's findings on the page as it stands against WCAG 2.2 A and AA,
    or "" for none. It waits first for the page to finish loading (a click
    returns once the next page has only started) and for animations to end
    (mid-fade, text is paler than it ends up, and axe would measure that)."""
    page.wait_for_load_state()
    page.evaluate("Promise.all(document.getAnimations().map(a => a.finished))")
    results = Axe().run(page, options=WCAG_22_AA)
    return results.generate_report() if results.violations_count else ""


def assert_no_axe_violations(page):
    report = axe_report(page)
    assert report == "", report


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        # This machine has no outside network: stop Chromium trying to reach it.
        "args": [
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    }


def restore_wagtail_roots():
    """A transactional test ends by emptying every table, rows that Wagtail's
    migrations made included; put back the ones every Wagtail site has."""
    Locale.objects.get_or_create(
        language_code=get_supported_language_variant(settings.LANGUAGE_CODE)
    )
    if Page.get_first_root_node() is None:
        Page.add_root(instance=Page(title="Root", slug="root"))
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")


@pytest.fixture
def demo_server(live_server):
    """The live server's URL, with the demo site loaded behind it."""
    restore_wagtail_roots()
    call_command("load_demo_content", stdout=io.StringIO())
    return live_server.url
