"""The header and footer settings and the menu are cached between requests,
and a change to either shows on the next page served."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Site

from core.models import SiteSettings
from home.factories import StandardPageFactory
from tests.html import link_texts, soup, text
from tests.queries import count_queries

pytestmark = pytest.mark.django_db


def footer_and_menu(client):
    document = soup(client.get("/"))
    return (
        text(document.find("footer")),
        link_texts(document.find("nav", attrs={"aria-label": "Menu"}) or document),
    )


def test_the_chrome_costs_no_queries_once_cached(client, home_page, settings):
    StandardPageFactory(parent=home_page, title="About us", show_in_menus=True)
    cached = count_queries(client, "/")
    settings.CHROME_CACHE_SECONDS = 0
    # Settings, their social links and the menu: one query each.
    assert count_queries(client, "/") == cached + 3


def test_saving_the_settings_shows_at_once(client, home_page):
    footer, _ = footer_and_menu(client)
    assert "Testvale Council" in footer
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings.council_name = "Newvale Council"
    settings.save()
    footer, _ = footer_and_menu(client)
    assert "Newvale Council" in footer and "Testvale" not in footer


def test_publishing_a_menu_page_shows_at_once(client, home_page):
    footer_and_menu(client)
    page = StandardPageFactory(parent=home_page, title="About us", show_in_menus=True)
    page.save_revision().publish()
    _, menu = footer_and_menu(client)
    assert "About us" in menu
    page.unpublish()
    _, menu = footer_and_menu(client)
    assert "About us" not in menu


def test_with_the_cache_off_changes_still_show(client, home_page, settings):
    settings.CHROME_CACHE_SECONDS = 0
    test_saving_the_settings_shows_at_once(client, home_page)


def test_the_menu_follows_the_page_tree_order(client, home_page):
    first = StandardPageFactory(
        parent=home_page, title="Created first", show_in_menus=True
    )
    second = StandardPageFactory(
        parent=home_page, title="Created second", show_in_menus=True
    )
    # An editor drags the second above the first: its path now sorts first,
    # though its row was written later.
    second.move(first, pos="left")
    first.refresh_from_db()
    first.save_revision().publish()
    with CaptureQueriesContext(connection) as queries:
        _, menu = footer_and_menu(client)
    assert menu == ["Created second", "Created first"]
    # Stated in the query, not left to the order PostgreSQL reads rows in,
    # which changes as rows are rewritten (and did, between CI runs).
    menu_query = next(
        q["sql"]
        for q in queries
        if '"show_in_menus"' in q["sql"].partition(" WHERE ")[2]
    )
    assert menu_query.endswith('ORDER BY "wagtailcore_page"."path" ASC')
