"""Every page type of the demo site renders, with the site's chrome."""

import pytest
from django.template.loader import render_to_string
from wagtail.models import Page

from tests.demo_pages import PAGE_TYPES
from tests.html import link_texts, soup, text

pytestmark = pytest.mark.django_db

FOUND = {name: path for name, path in PAGE_TYPES.items() if name != "not found"}


def check_chrome(client, path):
    response = client.get(path)
    assert response.status_code == 200
    document = soup(response)
    h1 = document.find_all("h1")
    assert len(h1) == 1
    assert text(document.title).endswith(" - Northvale Council")
    assert document.select_one("a.govuk-skip-link")["href"] == "#main-content"
    assert document.find("main", id="main-content")
    nav = document.find("nav", attrs={"aria-label": "Menu"})
    assert link_texts(nav) == [
        "Have your say",
        "Meetings and decisions",
        "Success stories",
        "Your area",
    ]
    footer = document.find("footer")
    assert {
        "Accessibility statement",
        "Privacy notice",
        "Cookies",
        "Contact us",
    } <= set(link_texts(footer))
    assert document.find("link", rel="canonical")["href"].startswith("http")


def test_every_page_renders_with_title_pattern_navigation_and_footer(client, demo_site):
    # One pass over every page type, so the demo content is built once.
    failures = {}
    for name, path in FOUND.items():
        try:
            check_chrome(client, path)
        except AssertionError as error:
            failures[name] = f"{path}: {error!r}"
    assert not failures, failures


def test_breadcrumbs_follow_the_page_tree(client, demo_site):
    document = soup(client.get(PAGE_TYPES["meeting"]))
    crumbs = document.find("nav", attrs={"aria-label": "Breadcrumb"})
    assert link_texts(crumbs) == [
        "Home",
        "Meetings and decisions",
        "Health and Wellbeing Board",
    ]


def test_home_page_has_no_breadcrumbs(client, demo_site):
    assert soup(client.get("/")).find("nav", attrs={"aria-label": "Breadcrumb"}) is None


def test_unknown_address_gets_a_404_in_the_site_design(client, demo_site):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    document = soup(response)
    assert text(document.find("h1")) == "Page not found"
    assert text(document.title) == "Page not found - Northvale Council"
    assert document.find("footer")


def test_500_page_renders_without_a_request_or_database():
    html = render_to_string("500.html")
    assert "Sorry, there is a problem with the service" in html


def meta_description(response):
    meta = soup(response).find("meta", attrs={"name": "description"})
    return meta["content"] if meta else None


def test_meta_description_comes_from_the_summary(client, demo_site):
    description = meta_description(client.get(PAGE_TYPES["story"]))
    assert description.startswith("How a bi-monthly online meeting")


def test_the_search_description_comes_before_the_summary(client, demo_site):
    story = Page.objects.get(
        url_path__endswith="/community-leaders-forum-three-years/"
    ).specific
    story.search_description = "Written for search engines & their readers."
    story.save_revision().publish()
    description = meta_description(client.get(PAGE_TYPES["story"]))
    assert description == "Written for search engines & their readers."


def test_a_page_with_neither_has_no_meta_description(client, demo_site):
    # A meeting has no summary, and the demo gives it no search description.
    assert meta_description(client.get(PAGE_TYPES["upcoming meeting"])) is None
