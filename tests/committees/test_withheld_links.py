"""What a meeting, an agenda item or a story links to, the public may open:
no paper from a collection only some may view, no consultation behind a view
restriction, no item that became part two after a story linked to it."""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

from committees.factories import (
    AgendaItemConsultationFactory,
    AgendaItemDocumentFactory,
    AgendaItemPageFactory,
    CommitteeIndexPageFactory,
    CommitteePageFactory,
    MeetingDocumentFactory,
    MeetingPageFactory,
)
from consultations.factories import (
    ConsultationIndexPageFactory,
    ConsultationPageFactory,
)
from home.factories import StandardPageFactory
from stories.factories import StoryIndexPageFactory, StoryPageFactory
from stories.models import StoryRelatedPage
from tests.html import link_texts, section, soup
from tests.staff import sign_in, staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting(home_page):
    committee = CommitteePageFactory(parent=CommitteeIndexPageFactory(parent=home_page))
    return MeetingPageFactory(parent=committee)


@pytest.fixture
def item(meeting):
    return AgendaItemPageFactory(parent=meeting, item_number="4", title="Depot")


def paper(title, collection=None):
    return get_document_model().objects.create(
        title=title,
        file=ContentFile(b"%PDF-1.4 paper", name="paper.pdf"),
        collection=collection or Collection.get_first_root_node(),
    )


@pytest.fixture
def staff_only():
    """A collection only signed-in staff may view, with one inside it."""
    collection = Collection.get_first_root_node().add_child(name="Staff only")
    CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=CollectionViewRestriction.LOGIN
    )
    return collection


def test_papers_from_a_restricted_collection_are_not_listed(
    client, meeting, item, staff_only
):
    inner = staff_only.add_child(name="Tender scores")
    MeetingDocumentFactory(page=meeting, document=paper("Agenda pack"), title="")
    MeetingDocumentFactory(
        page=meeting, document=paper("Exempt appendix", staff_only), title=""
    )
    AgendaItemDocumentFactory(page=item, document=paper("Report of the director"))
    AgendaItemDocumentFactory(page=item, document=paper("Tender scores", inner))

    meeting_page = soup(client.get(meeting.url))
    assert link_texts(section(meeting_page, "papers")) == ["Agenda pack"]
    agenda = section(meeting_page, "agenda")
    assert "Report of the director" in link_texts(agenda)
    assert "Tender scores" not in link_texts(agenda)
    item_page = soup(client.get(item.url))
    assert link_texts(section(item_page, "reports")) == ["Report of the director"]


def test_a_restricted_consultation_is_not_linked_from_the_item(client, home_page, item):
    hub = ConsultationIndexPageFactory(parent=home_page)
    open_one = ConsultationPageFactory(parent=hub, title="Depot options")
    restricted = ConsultationPageFactory(parent=hub, title="Depot staff survey")
    PageViewRestriction.objects.create(
        page=restricted, restriction_type=PageViewRestriction.LOGIN
    )
    AgendaItemConsultationFactory(page=item, consultation=open_one)
    AgendaItemConsultationFactory(page=item, consultation=restricted)

    considered = section(soup(client.get(item.url)), "consultations-considered")
    assert link_texts(considered) == ["Depot options"]


def test_an_item_made_part_two_after_a_story_linked_it_is_not_named(
    client, home_page, meeting, item
):
    story = StoryPageFactory(
        parent=StoryIndexPageFactory(parent=home_page),
        related_pages=[StoryRelatedPage(page=meeting), StoryRelatedPage(page=item)],
    )
    item.is_exempt = True
    item.save_revision().publish()

    response = client.get(story.url)
    assert response.status_code == 200
    assert "Depot" not in response.text


def test_a_document_in_a_page_body_from_a_restricted_collection_is_not_linked(
    client, home_page, staff_only
):
    page = StandardPageFactory(
        parent=home_page,
        body=[
            ("document", {"document": paper("Parking strategy"), "title": ""}),
            ("document", {"document": paper("Staff rota", staff_only), "title": ""}),
        ],
    )
    response = client.get(page.url)
    assert response.status_code == 200
    assert "Parking strategy" in response.text
    assert "Staff rota" not in response.text


# By the document's own address ---------------------------------------------


def download(client, document):
    response = client.get(document.url)
    if hasattr(response, "streaming_content"):
        b"".join(response.streaming_content)
    return response


def test_a_part_two_paper_is_not_served_to_the_public_by_its_address(
    client, django_user_model, meeting, item
):
    report = paper("Tender scores")
    AgendaItemDocumentFactory(page=item, document=report)
    public = paper("Agenda pack")
    MeetingDocumentFactory(page=meeting, document=public, title="")
    assert download(client, report).status_code == 200
    item.is_exempt = True
    item.save_revision().publish()

    assert download(client, report).status_code == 404
    assert download(client, public).status_code == 200
    # Staff who may not edit the item are the public here.
    sign_in(client, staff(django_user_model, "ed", "Editors"))
    assert download(client, report).status_code == 404
    client.logout()
    sign_in(client, staff(django_user_model, "ds", "Democratic services"))
    response = download(client, report)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]


def test_papers_only_some_may_view_are_never_kept_by_shared_caches(
    client, django_user_model, staff_only
):
    everyone = download(client, paper("Agenda pack"))
    assert "no-store" not in everyone.get("Cache-Control", "")
    restricted = paper("Exempt appendix", staff_only)
    sign_in(client, staff(django_user_model, "ed", "Editors"))
    response = download(client, restricted)
    assert response.status_code == 200
    assert {"private", "no-store"} <= {
        part.strip() for part in response["Cache-Control"].split(",")
    }


def test_a_paper_behind_a_password_says_no_store_to_those_who_know_it(client):
    collection = Collection.get_first_root_node().add_child(name="Panel papers")
    restriction = CollectionViewRestriction.objects.create(
        collection=collection,
        restriction_type=CollectionViewRestriction.PASSWORD,
        password="panel-2026",
    )
    document = paper("Panel briefing", collection)
    client.post(
        reverse("wagtaildocs_authenticate_with_password", args=[restriction.pk]),
        {"password": "panel-2026", "return_url": document.url},
    )
    response = download(client, document)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
