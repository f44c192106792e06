"""/api/v2/: Wagtail's pages API, for public pages only."""

import datetime

import pytest
from django.utils import timezone
from freezegun import freeze_time
from wagtail.models import PageViewRestriction

from committees.factories import AgendaItemPageFactory
from consultations.factories import ConsultationPageFactory

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)

PAGES = "/api/v2/pages/"


def listed_titles(client, query=""):
    response = client.get(f"{PAGES}?limit=20&{query}")
    assert response.status_code == 200, response.content
    return [page["title"] for page in response.json()["items"]]


def test_listing_holds_public_pages_only(client, business, item):
    titles = listed_titles(client)
    assert "Empowering our communities" in titles
    assert not [title for title in titles if "SECRET" in title]
    everything = client.get(f"{PAGES}?limit=20&type=committees.AgendaItemPage")
    assert "SECRET" not in everything.content.decode()
    assert everything.json()["meta"]["total_count"] == 2


def test_listing_never_holds_exempt_items_even_when_asked_for(client, business, june):
    query = f"type=committees.AgendaItemPage&child_of={june.pk}&fields=*"
    assert listed_titles(client, query) == ["Empowering our communities"]
    assert listed_titles(client, "search=land") == []


def test_a_password_in_the_session_does_not_open_the_api(client, business, board):
    restricted = PageViewRestriction.objects.get(
        page__title="SECRET restricted meeting"
    )
    session = client.session
    session[PageViewRestriction.passed_view_restrictions_session_key] = [restricted.pk]
    session.save()
    assert "SECRET" not in client.get(f"{PAGES}?limit=20").content.decode()


def test_detail_of_hidden_pages_is_404(client, business):
    from wagtail.models import Page

    for title in (
        "SECRET land deal",
        "SECRET draft item",
        "SECRET hidden item",
        "SECRET restricted meeting",
        "SECRET committee",
    ):
        page = Page.objects.get(title=title)
        response = client.get(f"{PAGES}{page.pk}/")
        assert response.status_code == 404, title
        assert "SECRET" not in response.content.decode()
        found = client.get(f"{PAGES}find/?html_path={page.url_path}")
        assert found.status_code == 404, title


def test_detail_of_a_meeting_and_an_item_has_their_fields(client, business, june, item):
    data = client.get(f"{PAGES}{june.pk}/").json()
    assert data["starts_at"] == "2026-06-11T14:00:00+01:00"
    assert data["location"] == "Council Chamber"
    assert data["status"] == "scheduled"
    assert data["minutes_status"] == "draft"
    assert data["webcast_url"] == "https://webcast.example.org/june"
    data = client.get(f"{PAGES}{item.pk}/").json()
    assert data["item_number"] == "5"
    assert data["summary"] == "The renewed ambition."
    assert "is_exempt" not in data


def test_consultations_show_dates_and_summary_never_their_form(client, home_page):
    from consultations.factories import ConsultationIndexPageFactory

    hub = ConsultationIndexPageFactory(parent=home_page)
    consultation = ConsultationPageFactory(
        parent=hub, contact_email="officer@example.org"
    )
    data = client.get(f"{PAGES}{consultation.pk}/").json()
    assert data["summary"] == consultation.summary
    assert data["opens_at"] and data["closes_at"]
    body = client.get(f"{PAGES}{consultation.pk}/?fields=*").content.decode()
    assert "officer@example.org" not in body
    for private in ("form_fields", "contact_email", "to_address", "retention_months"):
        assert private not in body
        response = client.get(f"{PAGES}{consultation.pk}/?fields={private}")
        assert response.status_code == 400


def test_a_consultations_status_topics_and_outcome_once_published(client, home_page):
    from consultations.factories import ConsultationIndexPageFactory

    hub = ConsultationIndexPageFactory(parent=home_page)
    now = timezone.now()
    consultation = ConsultationPageFactory(
        parent=hub,
        opens_at=now - 30 * DAY,
        closes_at=now - DAY,
        we_asked="<p>Should the library open on Sundays?</p>",
        you_said=f'<p>Yes, said <a linktype="page" id="{hub.pk}">most</a>.</p>',
        we_did="<p>It opens on Sundays from March.</p>",
        outcome_published_at=now + DAY,
    )
    consultation.tags.add("Libraries")
    consultation.save_revision().publish()
    url = f"{PAGES}{consultation.pk}/?fields=status,tags,outcome"
    data = client.get(url).json()
    assert (data["status"], data["tags"], data["outcome"]) == (
        "closed",
        ["Libraries"],
        None,  # typed in, not yet published
    )
    with freeze_time(now + 2 * DAY):
        data = client.get(url).json()
    assert data["status"] == "outcome"
    assert data["outcome"]["we_did"] == "<p>It opens on Sundays from March.</p>"
    assert f'<a href="{hub.url}">most</a>' in data["outcome"]["you_said"]


def test_stories_give_their_date_summary_and_tags(client, home_page):
    from stories.factories import StoryIndexPageFactory, StoryPageFactory

    story = StoryPageFactory(
        parent=StoryIndexPageFactory(parent=home_page),
        published_on=datetime.date(2026, 10, 1),
        summary="A new play area at Millbrook.",
    )
    story.tags.add("Parks")
    story.save_revision().publish()
    data = client.get(f"{PAGES}{story.pk}/?fields=published_on,summary,tags").json()
    assert (data["published_on"], data["summary"], data["tags"]) == (
        "2026-10-01",
        "A new play area at Millbrook.",
        ["Parks"],
    )


def test_api_takes_no_logins(client, business):
    response = client.get(PAGES, HTTP_AUTHORIZATION="Basic YWRtaW46YWRtaW4=")
    assert response.status_code == 200


def test_documents_and_images_are_not_exposed(client, home_page):
    assert client.get("/api/v2/documents/").status_code == 404
    assert client.get("/api/v2/images/").status_code == 404


def test_exempt_item_made_later_leaves_the_api(client, business, item):
    assert client.get(f"{PAGES}{item.pk}/").status_code == 200
    item.is_exempt = True
    item.save_revision().publish()
    assert client.get(f"{PAGES}{item.pk}/").status_code == 404
    other = AgendaItemPageFactory(parent=item.get_parent(), title="Another")
    assert client.get(f"{PAGES}{other.pk}/").status_code == 200


@pytest.mark.parametrize(
    "query",
    [
        "pages/?site=nosuch.example",
        "pages/?site=localhost:abc",
        "pages/find/?id=abc",
        "pages/find/?id=",
        "pages/find/?html_path=%00",
        "pages/?search=%00",
        "pages/?locale=%00",
    ],
)
def test_queries_wagtail_cannot_answer_get_a_400_not_a_500(client, business, query):
    response = client.get(f"/api/v2/{query}")
    assert response.status_code == 400
    assert response.json()["message"]


def test_consultations_items_and_stories_give_their_places(client, home_page, index):
    from committees.factories import (
        AgendaItemPageFactory,
        CommitteePageFactory,
        MeetingPageFactory,
    )
    from consultations.factories import ConsultationIndexPageFactory
    from places.factories import AreaFactory
    from stories.factories import StoryIndexPageFactory, StoryPageFactory

    eastside = AreaFactory(name="Eastside", code="E05999901")
    expected = [
        {
            "slug": "eastside",
            "name": "Eastside",
            "kind": "ward",
            "ons_code": "E05999901",
        }
    ]
    consultation = ConsultationPageFactory(
        parent=ConsultationIndexPageFactory(parent=home_page), areas=[eastside]
    )
    story = StoryPageFactory(
        parent=StoryIndexPageFactory(parent=home_page), areas=[eastside]
    )
    meeting = MeetingPageFactory(parent=CommitteePageFactory(parent=index))
    item = AgendaItemPageFactory(parent=meeting, areas=[eastside])
    for page in (consultation, story, item):
        data = client.get(f"{PAGES}{page.pk}/?fields=places").json()
        assert data["places"] == expected, page


def test_a_listing_of_places_takes_the_same_queries_for_more_pages(client, home_page):
    from consultations.factories import ConsultationIndexPageFactory
    from places.factories import AreaFactory
    from tests.queries import count_queries

    hub = ConsultationIndexPageFactory(parent=home_page)
    eastside = AreaFactory(name="Eastside")
    url = f"{PAGES}?type=consultations.ConsultationPage&fields=places"
    ConsultationPageFactory(parent=hub, areas=[eastside])
    few = count_queries(client, url)
    for _ in range(5):
        ConsultationPageFactory(parent=hub, areas=[eastside])
    assert count_queries(client, url) == few
