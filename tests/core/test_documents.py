"""QUALITY ACC-12: every document link offers an accessible format, as GOV.UK
attachments do, through the council's contact details."""

from urllib.parse import parse_qs, urlsplit

import pytest

from committees.models import MeetingDocument
from core.models import SiteSettings
from tests.demo_pages import PAGE_TYPES
from tests.html import soup, text

pytestmark = pytest.mark.django_db


def documents(client):
    return soup(client.get(PAGE_TYPES["meeting"])).select(".engage-document")


def test_each_document_offers_an_accessible_format_by_email(client, demo_site):
    found = documents(client)
    assert found  # the demo meeting's agenda pack
    for document in found:
        name = text(document.find("a"))
        offer = document.find_all("a")[-1]
        link = urlsplit(offer["href"])
        assert link.scheme == "mailto"
        assert link.path == SiteSettings.objects.get().contact_email
        assert parse_qs(link.query)["subject"] == [f"Accessible format: {name}"]
        assert text(offer) == f"Ask for an accessible format of {name}"


def test_without_an_email_address_the_contact_page_is_offered(client, demo_site):
    settings = SiteSettings.objects.get()
    settings.contact_email = ""
    settings.save()
    found = documents(client)
    assert found  # the demo meeting's agenda pack
    for document in found:
        offer = document.find_all("a")[-1]
        assert offer["href"] == settings.contact_page.url


def test_a_title_with_an_apostrophe_and_an_ampersand_is_the_subject_as_written(
    client, demo_site
):
    MeetingDocument.objects.update(title="Chair's report & annex")
    (document,) = documents(client)
    offer = document.find_all("a")[-1]
    subject = parse_qs(urlsplit(offer["href"]).query)["subject"]
    assert subject == ["Accessible format: Chair's report & annex"]
