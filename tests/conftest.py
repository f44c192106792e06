import io
import shutil
import subprocess
from collections import Counter

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from wagtail.models import Page, Site

from committees.factories import CommitteeIndexPageFactory
from core import content_generation
from core.models import SiteSettings
from home.factories import HomePageFactory
from tests.staff import sign_in

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


def chromium_version() -> str | None:
    if not shutil.which(CHROMIUM):
        return None
    result = subprocess.run(
        [CHROMIUM, "--version"], capture_output=True, text=True, timeout=30, check=False
    )
    return result.stdout.strip() or None


def pytest_report_header(config):
    # CI (.ci/run) reads these two lines to prove what the suite ran on.
    version = chromium_version()
    return [
        f"database: {connection.vendor}",
        f"browser: {version}" if version else "browser: none (browser tests will skip)",
    ]


def pytest_collection_modifyitems(config, items):
    if chromium_version():
        return
    skip = pytest.mark.skip(
        reason=f"No Chromium at {CHROMIUM}: install Debian's chromium"
    )
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(skip)


def report_generated_cases(terminalreporter):
    """The bad-input tests' generated cases (tests/reliability), added up
    here, in the one conftest pytest-xdist's controller always loads."""
    # One entry per test: a report of each phase may carry the same list.
    per_test = {
        report.nodeid: value
        for reports in terminalreporter.stats.values()
        for report in reports
        for name, value in getattr(report, "user_properties", ())
        if name == "generated cases"
    }
    cases = Counter()
    for value in per_test.values():
        cases.update(value)
    if cases:
        terminalreporter.write_line(
            f"bad input: {sum(cases.values())} generated cases ({dict(cases)})"
        )


def pytest_terminal_summary(terminalreporter):
    report_generated_cases(terminalreporter)
    passed = [
        report
        for report in terminalreporter.stats.get("passed", [])
        if report.when == "call" and "browser" in report.keywords
    ]
    terminalreporter.write_line(f"browser tests run: {len(passed)}")


@pytest.fixture(autouse=True)
def empty_cache():
    """Caches outlive a test's database transaction: start each test empty."""
    cache.clear()


@pytest.fixture
def shared_cache(monkeypatch):
    """Run as with a cache shared by the app servers, where only a new content
    generation ends a worker's memo (with the local-memory cache, a few
    seconds end it too, which would hide a key that misses a change)."""
    monkeypatch.setattr(content_generation, "cache_is_shared", lambda: True)


@pytest.fixture
def home_page(db):
    """A HomePage at the root of the default site, as a fresh install has."""
    root = Page.get_first_root_node()
    home = HomePageFactory(parent=root, slug="test-home")
    site = Site.objects.get(is_default_site=True)
    site.root_page = home
    site.save()
    SiteSettings.objects.update_or_create(
        site=site, defaults={"council_name": "Testvale Council"}
    )
    return home


@pytest.fixture
def index(home_page):
    """The "Meetings and decisions" section under the test home page, for the
    committee and open data tests."""
    return CommitteeIndexPageFactory(parent=home_page)


@pytest.fixture
def demo_site(db):
    """The whole demo site, exactly as `make run` builds it."""
    call_command("load_demo_content", stdout=io.StringIO())
    return Site.objects.get(is_default_site=True).root_page.specific


@pytest.fixture
def admin_client(client, admin_user):
    """pytest-django's signed-in superuser, past the second factor too."""
    sign_in(client, admin_user)
    return client
