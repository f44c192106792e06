"""sitemap.xml, robots.txt and redirects (issue #6)."""

from pathlib import Path

import pytest
from lxml import etree
from wagtail.contrib.redirects.models import Redirect

from committees.factories import AgendaItemPageFactory
from committees.models import MeetingPage

pytestmark = pytest.mark.django_db

SCHEMA = Path(__file__).with_name("sitemap-0.9.xsd")
NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def test_the_sitemap_is_valid_and_leaves_out_exempt_items(client, demo_site):
    meeting = MeetingPage.objects.get(slug="meeting-held")
    AgendaItemPageFactory(
        parent=meeting,
        title="Sale of Quayside Depot",
        slug="quayside-depot",
        is_exempt=True,
    )

    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    document = etree.fromstring(response.content)
    schema = etree.XMLSchema(etree.parse(str(SCHEMA)))
    assert schema.validate(document), schema.error_log

    locations = document.xpath("//sm:url/sm:loc/text()", namespaces=NS)
    assert "http://localhost/" in locations
    assert "http://localhost/have-your-say/" in locations
    assert any("/success-stories/" in location for location in locations)
    assert any("/meeting-held/" in location for location in locations)
    assert not any("quayside" in location for location in locations)
    for path in (
        "/meetings-and-decisions/decisions/",
        "/meetings-and-decisions/councillors/margaret-oyelaran/",
        "/your-area/eastside/",
    ):
        assert f"http://localhost{path}" in locations
    # Every page that is in the sitemap answers.
    for location in locations:
        path = location.removeprefix("http://localhost")
        assert client.get(path).status_code == 200, path


def test_robots_txt_allows_the_site_and_points_at_the_sitemap(client, home_page):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain"
    assert response.content.decode().splitlines() == [
        "User-agent: *",
        "Allow: /",
        "Disallow: /admin/",
        "Disallow: /search/",
        "",
        "Sitemap: http://testserver/sitemap.xml",
    ]


def test_a_redirect_made_in_the_admin_answers_301(client, home_page):
    Redirect.objects.create(
        old_path="/consultations/old-address", redirect_page=home_page
    )
    response = client.get("/consultations/old-address/")
    assert response.status_code == 301
    assert response["Location"] in ("/", "http://testserver/")


def test_a_temporary_redirect_answers_302(client, home_page):
    Redirect.objects.create(
        old_path="/winter", redirect_link="https://example.org/", is_permanent=False
    )
    response = client.get("/winter")
    assert response.status_code == 302
    assert response["Location"] == "https://example.org/"
