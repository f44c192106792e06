"""Serving pages with fewer queries (core.routing) gives the same answers as
Wagtail's own routing, and sees every change on the next request."""

import time

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction, Site

from core import content_generation
from core.routing import routed_child
from home.factories import HomePageFactory, StandardPageFactory
from tests.html import soup
from tests.queries import count_queries

pytestmark = pytest.mark.django_db


def queries_of(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    return response, [query["sql"] for query in queries]


def test_the_site_and_home_page_cost_no_queries_once_known(client, home_page):
    client.get("/")
    _, queries = queries_of(client, "/")
    assert not [sql for sql in queries if "wagtailcore_site" in sql]
    assert not [sql for sql in queries if "wagtailcore_pageviewrestriction" in sql]


def test_a_page_routed_once_is_served_without_page_queries(client, home_page):
    StandardPageFactory(parent=home_page, slug="about", title="About us")
    first = client.get("/about/")
    assert first.status_code == 200
    response, queries = queries_of(client, "/about/")
    assert response.status_code == 200
    # Breadcrumbs come from routing too.
    assert not [sql for sql in queries if '"wagtailcore_page"' in sql], queries
    assert response.content == first.content


def test_each_request_gets_its_own_copy_of_a_routed_page(home_page):
    StandardPageFactory(parent=home_page, slug="about", title="About us")
    first = routed_child(home_page, "about")
    first.set_by_a_request = True
    first._prefetched_objects_cache = {"something": []}
    second = routed_child(home_page, "about")
    assert second is not first
    assert second.pk == first.pk
    assert not hasattr(second, "set_by_a_request")
    assert not hasattr(second, "_prefetched_objects_cache")


def test_an_edited_page_shows_its_new_content_on_the_next_request(client, home_page):
    page = StandardPageFactory(parent=home_page, slug="about", title="About us")
    assert "About us" in soup(client.get("/about/")).h1.get_text()
    page.title = "About the council"
    page.save_revision().publish()
    assert "About the council" in soup(client.get("/about/")).h1.get_text()


def test_a_new_page_is_found_on_the_next_request(client, home_page):
    assert client.get("/news/").status_code == 404
    StandardPageFactory(parent=home_page, slug="news", title="News")
    assert client.get("/news/").status_code == 200


def test_a_renamed_slug_moves_the_page(client, home_page):
    page = StandardPageFactory(parent=home_page, slug="old-name", title="Renamed")
    assert client.get("/old-name/").status_code == 200
    page.slug = "new-name"
    page.save_revision().publish()
    assert client.get("/new-name/").status_code == 200
    assert client.get("/old-name/").status_code == 404


def test_an_unpublished_page_is_gone_on_the_next_request(client, home_page):
    page = StandardPageFactory(parent=home_page, slug="gone", title="Gone")
    assert client.get("/gone/").status_code == 200
    page.unpublish()
    assert client.get("/gone/").status_code == 404


def test_a_new_view_restriction_applies_at_once(client, home_page):
    page = StandardPageFactory(parent=home_page, slug="members", title="Members")
    assert client.get("/members/").status_code == 200
    PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.LOGIN
    )
    response = client.get("/members/")
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_a_restriction_on_an_ancestor_protects_its_children(client, home_page):
    section = StandardPageFactory(parent=home_page, slug="section", title="Section")
    StandardPageFactory(parent=section, slug="child", title="Child")
    PageViewRestriction.objects.create(
        page=section, restriction_type=PageViewRestriction.PASSWORD, password="pw"
    )
    response = client.get("/section/child/")
    assert response.status_code == 200
    assert "password" in response.content.decode().lower()
    assert "Child" not in soup(response).title.get_text()


def test_changing_the_sites_home_page_shows_at_once(client, home_page):
    assert client.get("/").status_code == 200
    other = HomePageFactory(parent=home_page.get_parent(), slug="other-home")
    StandardPageFactory(parent=other, slug="only-here", title="Only here")
    assert client.get("/only-here/").status_code == 404
    site = Site.objects.get(is_default_site=True)
    site.root_page = other
    site.save()
    assert client.get("/only-here/").status_code == 200


def test_an_unknown_host_still_gets_the_default_site(client, home_page, settings):
    settings.ALLOWED_HOSTS = ["elsewhere.example"]
    response = client.get("/", HTTP_HOST="elsewhere.example")
    assert response.status_code == 200


def test_breadcrumbs_from_routing_match_the_page_tree(client, home_page):
    section = StandardPageFactory(parent=home_page, slug="a", title="Section A")
    StandardPageFactory(parent=section, slug="b", title="Page B")
    crumbs = soup(client.get("/a/b/")).select(".govuk-breadcrumbs__link")
    assert [(c.get_text(strip=True), c["href"]) for c in crumbs] == [
        ("Home", "/"),
        ("Section A", "/a/"),
    ]


def test_query_counts_do_not_depend_on_restrictions_elsewhere(client, home_page):
    StandardPageFactory(parent=home_page, slug="open", title="Open")
    without = count_queries(client, "/open/")
    hidden = StandardPageFactory(parent=home_page, slug="hidden", title="Hidden")
    PageViewRestriction.objects.create(
        page=hidden, restriction_type=PageViewRestriction.LOGIN
    )
    # With any restriction on the site, Wagtail's own check runs: a bounded
    # number of extra queries, and the open page is still served.
    assert count_queries(client, "/open/") <= without + 3


def test_another_workers_change_shows_within_seconds_on_a_local_cache(
    client, home_page, monkeypatch
):
    """With the default local-memory cache each gunicorn worker has its own
    content generation: a change made through another worker (here: rows
    written without this process's signals) must still show soon."""
    page = StandardPageFactory(parent=home_page, slug="members", title="Members")
    assert client.get("/members/").status_code == 200
    PageViewRestriction.objects.bulk_create(
        [PageViewRestriction(page=page, restriction_type=PageViewRestriction.LOGIN)]
    )
    now = time.monotonic()
    monkeypatch.setattr(content_generation.time, "monotonic", lambda: now + 1)
    assert client.get("/members/").status_code == 200
    monkeypatch.setattr(
        content_generation.time,
        "monotonic",
        lambda: now + content_generation.LOCAL_CACHE_MEMO_SECONDS + 1,
    )
    assert client.get("/members/").status_code == 302


def test_with_a_shared_cache_the_generation_decides(
    home_page, monkeypatch, shared_cache
):
    builds = []
    memo = content_generation.Memo(lambda: builds.append(1) or len(builds))
    assert memo.get() == memo.get() == 1
    now = time.monotonic()
    lifetime = content_generation.SHARED_CACHE_MEMO_SECONDS
    monkeypatch.setattr(content_generation.time, "monotonic", lambda: now + 60)
    assert memo.get() == 1
    content_generation.bump()
    assert memo.get() == 2
    # And if the token could not be replaced (the cache away during a
    # publish), the memo still ends after a while.
    monkeypatch.setattr(
        content_generation.time, "monotonic", lambda: now + 60 + lifetime + 1
    )
    assert memo.get() == 3


def test_entries_keyed_by_the_generation_live_briefly_in_local_memory(monkeypatch):
    assert content_generation.entry_seconds(3600) == (
        content_generation.LOCAL_CACHE_MEMO_SECONDS
    )
    monkeypatch.setattr(content_generation, "cache_is_shared", lambda: True)
    assert content_generation.entry_seconds(3600) == 3600


def test_a_full_memo_lets_go_of_the_least_recently_used_key(home_page):
    builds = []
    memo = content_generation.Memo(
        lambda key: builds.append(key) or key.upper(), max_entries=2
    )
    assert memo.get("a") == "A"
    memo.get("b")
    memo.get("a")  # now the most recently used
    memo.get("c")  # no room: "b" goes
    memo.get("a")
    memo.get("b")
    assert builds == ["a", "b", "c", "b"]
