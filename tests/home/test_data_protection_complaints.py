"""The privacy notice says how to complain about the use of personal
information (QUALITY PRIV-09; Data (Use and Access) Act 2025): the council's
online form, its data protection email, the 30-day acknowledgement and the
ICO."""

import pytest
from wagtail.models import Site

from core.models import SiteSettings
from tests.html import link_texts, soup

pytestmark = pytest.mark.django_db


def complaints_section(client, path="/privacy-notice/"):
    html = soup(client.get(path))
    heading = html.find(id="complain")
    if heading is None:
        return None
    return " ".join(
        p.get_text(" ", strip=True) for p in heading.find_next_siblings("p")
    ), heading.find_next_siblings("p")


def set_route(**fields):
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    for name, value in fields.items():
        setattr(settings, name, value)
    settings.save()


def test_the_privacy_notice_gives_the_form_the_email_and_the_ico(demo_site, client):
    text, paragraphs = complaints_section(client)
    links = {a.get_text(strip=True): a["href"] for p in paragraphs for a in p("a")}
    assert links == {
        "online data protection complaint form": (
            "https://www.northvale.example/data-protection-complaint"
        ),
        "dataprotection@northvale.example": "mailto:dataprotection@northvale.example",
        "Information Commissioner's Office": "https://ico.org.uk/make-a-complaint/",
    }
    assert "acknowledge your complaint within 30 days" in text


def test_with_only_an_email_it_asks_for_an_email(demo_site, client):
    set_route(data_protection_complaint_url="")
    _, paragraphs = complaints_section(client)
    assert link_texts(paragraphs[0]) == ["dataprotection@northvale.example"]
    assert paragraphs[0].a["href"] == (
        "mailto:dataprotection@northvale.example?subject=Data%20protection%20complaint"
    )


def test_with_no_route_set_there_is_no_section(demo_site, client):
    set_route(data_protection_complaint_url="", data_protection_email="")
    assert complaints_section(client) is None


def test_only_the_privacy_notice_carries_it(demo_site, client):
    assert complaints_section(client, "/accessibility-statement/") is None
