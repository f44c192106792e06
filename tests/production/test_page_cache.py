"""The anonymous page cache (core.page_cache): what it serves, what it never
stores, and that publishing and site-wide changes purge it."""

import datetime
from urllib.parse import quote

import pytest
from django.http import HttpResponse
from django.utils import timezone
from freezegun import freeze_time

from committees.factories import (
    CommitteeIndexPageFactory,
    CommitteePageFactory,
    MeetingPageFactory,
)
from consultations.factories import (
    ConsultationIndexPageFactory,
    ConsultationPageFactory,
)
from consultations.models import QuestionField
from core import content_generation, moments, page_cache
from core.models import SiteSettings
from tests.html import soup, text
from tests.staff import sign_in

pytestmark = pytest.mark.django_db
NOW = timezone.now()
DAY = datetime.timedelta(days=1)
MINUTE = datetime.timedelta(minutes=1)


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 300


def x_cache(client, url, **extra):
    response = client.get(url, **extra)
    return response.status_code, response.headers.get("X-Cache")


def test_anonymous_page_is_a_miss_then_a_hit_with_the_same_response(client, home_page):
    first = client.get("/")
    second = client.get("/")
    assert first.status_code == second.status_code == 200
    assert (first["X-Cache"], second["X-Cache"]) == ("miss", "hit")
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]
    assert second["X-Frame-Options"] == "DENY"


def test_a_hit_needs_no_database_query(client, home_page, django_assert_num_queries):
    client.get("/")
    with django_assert_num_queries(0):
        assert client.get("/")["X-Cache"] == "hit"


def test_head_is_served_from_the_cache(client, home_page):
    client.get("/")
    assert client.head("/")["X-Cache"] == "hit"


def test_publishing_a_page_purges_the_cache(client, home_page):
    client.get("/")
    home_page.title = "Welcome back"
    home_page.save_revision().publish()
    response = client.get("/")
    assert response["X-Cache"] == "miss"
    assert "Welcome back" in response.content.decode()


def test_unpublishing_a_page_purges_the_cache(client, home_page):
    hub = ConsultationIndexPageFactory(parent=home_page, slug="have-your-say")
    assert x_cache(client, "/have-your-say/") == (200, "miss")
    assert x_cache(client, "/have-your-say/") == (200, "hit")
    hub.unpublish()
    assert client.get("/have-your-say/").status_code == 404


def test_deleting_a_page_purges_the_cache(client, home_page):
    hub = ConsultationIndexPageFactory(parent=home_page, slug="have-your-say")
    client.get("/have-your-say/")
    hub.delete()
    assert client.get("/have-your-say/").status_code == 404


def test_moving_a_page_purges_the_cache(client, home_page):
    hub = ConsultationIndexPageFactory(parent=home_page, slug="have-your-say")
    other = ConsultationIndexPageFactory(parent=home_page, slug="elsewhere")
    client.get("/have-your-say/")
    hub.move(other, pos="last-child")
    # Wagtail leaves a redirect to the new address.
    assert client.get("/have-your-say/").status_code == 301


def test_site_settings_shown_on_every_page_purge_the_cache(client, home_page):
    client.get("/")
    site_settings = SiteSettings.objects.get()
    site_settings.council_name = "Newvale Council"
    site_settings.save()
    response = client.get("/")
    assert response["X-Cache"] == "miss"
    assert "Newvale Council" in response.content.decode()


def test_a_lost_generation_never_brings_old_pages_back(client, home_page):
    client.get("/")
    page_cache.cache.delete(content_generation.KEY)
    assert client.get("/")["X-Cache"] == "miss"


def test_a_page_kept_while_a_consultation_was_open_is_not_served_once_it_closes(
    client, home_page
):
    hub = ConsultationIndexPageFactory(parent=home_page, slug="have-your-say")
    ConsultationPageFactory(
        parent=hub, title="Library hours", opens_at=NOW - DAY, closes_at=NOW + MINUTE
    )
    # Within the cache's 300 seconds: the entry has not expired.
    with freeze_time(NOW) as clock:
        assert x_cache(client, "/have-your-say/") == (200, "miss")
        assert status_tags(client.get("/have-your-say/")) == ["Open"]
        clock.tick(2 * MINUTE)
        response = client.get("/have-your-say/")
    assert response["X-Cache"] == "miss"
    assert status_tags(response) == ["Closed"]


def status_tags(response):
    return [text(tag) for tag in soup(response).select("main .govuk-tag")]


def test_a_page_kept_before_a_meeting_starts_is_not_served_after(client, home_page):
    committees = CommitteeIndexPageFactory(parent=home_page, slug="meetings")
    committee = CommitteePageFactory(parent=committees, slug="planning")
    MeetingPageFactory(parent=committee, title="Spring meeting", starts_at=NOW + MINUTE)
    with freeze_time(NOW) as clock:
        assert x_cache(client, "/") == (200, "miss")
        assert "Spring meeting" in client.get("/").content.decode()
        clock.tick(2 * MINUTE)
        response = client.get("/")
    assert response["X-Cache"] == "miss"
    assert "Spring meeting" not in response.content.decode()


def test_pages_kept_yesterday_are_not_served_today(client, home_page):
    midnight = timezone.localtime(NOW).replace(hour=23, minute=59)
    with freeze_time(midnight) as clock:
        assert x_cache(client, "/") == (200, "miss")
        assert x_cache(client, "/") == (200, "hit")
        clock.tick(2 * MINUTE)
        assert x_cache(client, "/") == (200, "miss")


def test_the_epoch_is_the_latest_moment_passed():
    soon, later = NOW + DAY, NOW + 2 * DAY
    kept = moments.Moments(latest_past=NOW - DAY, upcoming=[soon, later])
    assert kept.last_passed(NOW) == NOW - DAY
    assert kept.last_passed(soon) == soon
    assert kept.last_passed(later + DAY) == later
    assert moments.Moments(None, []).last_passed(NOW) is None


def test_the_epoch_reads_every_apps_moments(home_page):
    hub = ConsultationIndexPageFactory(parent=home_page, slug="have-your-say")
    ConsultationPageFactory(parent=hub, opens_at=NOW - 3 * DAY, closes_at=NOW + DAY)
    committee = CommitteePageFactory(
        parent=CommitteeIndexPageFactory(parent=home_page, slug="meetings")
    )
    MeetingPageFactory(parent=committee, starts_at=NOW - 2 * DAY)
    MeetingPageFactory(parent=committee, starts_at=NOW + 3 * DAY)
    kept = moments.Moments.at(NOW)
    assert kept.latest_past == NOW - 2 * DAY
    assert kept.upcoming == [NOW + DAY, NOW + 3 * DAY]


def test_logged_in_staff_bypass_the_cache(client, home_page, django_user_model):
    client.get("/")
    user = django_user_model.objects.create_superuser("admin", "a@example.com", "x")
    sign_in(client, user)
    response = client.get("/")
    assert "X-Cache" not in response
    assert response.status_code == 200


def test_a_csrf_cookie_alone_still_gets_the_cache(client, home_page):
    client.get("/")
    client.cookies["csrftoken"] = "x" * 32
    assert client.get("/")["X-Cache"] == "hit"


def test_pages_with_forms_are_never_stored(client, home_page, settings):
    hub = ConsultationIndexPageFactory(parent=home_page, slug="have-your-say")
    ConsultationPageFactory(
        parent=hub,
        slug="parks",
        opens_at=NOW - DAY,
        closes_at=NOW + 30 * DAY,
        form_fields=[QuestionField(label="Why", field_type="singleline")],
    )
    first = client.get("/have-your-say/parks/")
    assert "no-store" in first["Cache-Control"]
    client.cookies.clear()
    assert x_cache(client, "/have-your-say/parks/") == (200, "miss")


def test_pagination_is_cached_per_page_and_other_queries_bypass(client, home_page):
    ConsultationIndexPageFactory(parent=home_page, slug="have-your-say")
    assert x_cache(client, "/have-your-say/?page=1") == (200, "miss")
    assert x_cache(client, "/have-your-say/?page=1") == (200, "hit")
    assert x_cache(client, "/have-your-say/") == (200, "miss")
    assert x_cache(client, "/have-your-say/?q=parks")[1] is None
    assert x_cache(client, "/have-your-say/?page=1&page=2")[1] is None


def test_page_numbers_of_pages_that_do_not_exist_are_not_stored(client, home_page):
    # One page of consultations: ?page=2 shows page 1 again, and the home
    # page does not paginate at all.
    ConsultationIndexPageFactory(parent=home_page, slug="have-your-say")
    assert x_cache(client, "/have-your-say/?page=1") == (200, "miss")
    assert x_cache(client, "/have-your-say/?page=1") == (200, "hit")
    for url in ("/have-your-say/?page=2", "/?page=2"):
        assert x_cache(client, url) == (200, "miss")
        assert x_cache(client, url) == (200, "miss")


@pytest.mark.parametrize("value", ["x1", "01", "+1", "1 ", "0", "-1", "1234567"])
def test_only_page_numbers_as_the_site_writes_them_are_stored(client, home_page, value):
    # Otherwise each new value would store another copy of the page.
    ConsultationIndexPageFactory(parent=home_page, slug="have-your-say")
    status, cache_header = x_cache(client, f"/have-your-say/?page={quote(value)}")
    assert cache_header is None
    assert status in (200, 404)


def test_not_found_is_never_stored(client, home_page):
    assert x_cache(client, "/no-such-page/") == (404, "miss")
    assert x_cache(client, "/no-such-page/") == (404, "miss")


def test_admin_and_health_are_never_looked_up(client, home_page):
    assert "X-Cache" not in client.get("/admin/login/")
    assert "X-Cache" not in client.get("/health/")


def test_posts_bypass_the_cache(client, home_page):
    client.get("/")
    assert "X-Cache" not in client.post("/")


def test_responses_that_vary_on_more_than_cookies_are_not_stored(rf):
    request = rf.get("/")
    response = HttpResponse("x", headers={"Vary": "Cookie, Accept-Language"})
    assert not page_cache.cacheable(request, response)
    response = HttpResponse("x", headers={"Vary": "Cookie"})
    assert page_cache.cacheable(request, response)
    response = HttpResponse("x", headers={"Cache-Control": "max-age=0"})
    assert not page_cache.cacheable(request, response)
    response = HttpResponse("x")
    response.set_cookie("a", "b")
    assert not page_cache.cacheable(request, response)


def test_zero_seconds_turns_the_cache_off(client, home_page, settings):
    settings.PAGE_CACHE_SECONDS = 0
    assert "X-Cache" not in client.get("/")
    assert "X-Cache" not in client.get("/")
