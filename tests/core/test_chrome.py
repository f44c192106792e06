"""The header and footer settings and the menu are cached between requests,
and a change to either shows on the next page served."""

import pytest
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
