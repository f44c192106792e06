"""Places (ANCHORS differentiator 9): "Your area" lists the wards, finds a
resident's ward from their postcode, and each place's page gathers its
councillors, consultations, decisions and stories from linked records."""

import datetime

import pytest
from django.utils import timezone

from committees.enums import MinutesStatus, PersonKind
from committees.factories import (
    AgendaItemPageFactory,
    CommitteeMembershipFactory,
    CommitteePageFactory,
    PersonFactory,
    ResolutionFactory,
)
from consultations.factories import (
    ConsultationIndexPageFactory,
    ConsultationPageFactory,
)
from places.factories import AreaFactory, AreaIndexPageFactory, PostcodeFactory
from places.postcodes import normalise
from stories.factories import StoryIndexPageFactory, StoryPageFactory
from tests.committees.conftest import meeting_with_minutes, uk
from tests.html import section, soup, text
from tests.queries import count_queries

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("NV1 4AB", "NV1 4AB"),
        ("nv14ab", "NV1 4AB"),
        ("  sw1a  1aa ", "SW1A 1AA"),
        ("M1 1AE", "M1 1AE"),
        ("gir0aa", "GIR 0AA"),
        ("", None),
        ("NV1", None),
        ("1NV 4AB", None),
        ("NV1 4AB5", None),
        ("NV1 4A", None),
        ("NV1\x004AB", None),
    ],
)
def test_postcodes_are_read_as_people_type_them(typed, stored):
    assert normalise(typed) == stored


@pytest.fixture
def places(home_page):
    return AreaIndexPageFactory(parent=home_page)


@pytest.fixture
def eastside():
    return AreaFactory(name="Eastside", code="E05999901")


@pytest.fixture
def greenway():
    return AreaFactory(name="Greenway", code="E05999902")


def test_the_index_lists_places_by_kind(client, places, eastside, greenway):
    AreaFactory(name="Northvale town centre", kind="town")
    AreaFactory(name="Upper Wold", kind="parish")
    AreaFactory(name="A label only", kind="")
    page = soup(client.get(places.url))
    headings = [text(h) for h in page.select("main h2")]
    assert headings == ["Find your ward", "Wards", "Parishes", "Towns"]
    links = [text(a) for a in page.select("main ul.govuk-list a")]
    assert links == ["Eastside", "Greenway", "Upper Wold", "Northvale town centre"]


def test_a_postcode_leads_to_its_ward_however_it_is_typed(client, places, eastside):
    PostcodeFactory(postcode="NV1 4AB", ward=eastside)
    response = client.get(places.url, {"postcode": " nv14ab "})
    assert response.status_code == 302
    assert response["Location"] == places.url + "eastside/"


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("", "Enter a postcode"),
        ("not a postcode", "Enter a real postcode"),
        ("x" * 500, "Enter a real postcode"),
        ("NV9 9ZZ", "We cannot find NV9 9ZZ in our area"),
    ],
)
def test_a_postcode_not_found_says_why_in_the_govuk_pattern(
    client, places, eastside, typed, message
):
    PostcodeFactory(postcode="NV1 4AB", ward=eastside)
    response = client.get(places.url, {"postcode": typed})
    assert response.status_code == 200
    page = soup(response)
    assert page.title.string.startswith("Error: ")
    summary = page.select_one(".govuk-error-summary")
    assert message in text(summary)
    assert summary.select_one("a")["href"] == "#id_postcode"
    field = page.select_one("#id_postcode")
    assert "govuk-input--error" in field["class"]
    assert "id_postcode_error" in field["aria-describedby"]
    # The list of wards is still there to choose from.
    assert page.find("a", string="Eastside")


@pytest.fixture
def linked(home_page, places, index, eastside, greenway):
    """Records linked to Eastside, and the same kinds not to be shown there."""
    hub = ConsultationIndexPageFactory(parent=home_page)
    now = timezone.now()
    ConsultationPageFactory(parent=hub, title="Eastside play areas", areas=[eastside])
    ConsultationPageFactory(parent=hub, title="Greenway library", areas=[greenway])
    ConsultationPageFactory(parent=hub, title="Borough budget")
    ConsultationPageFactory(
        parent=hub, title="Draft Eastside plan", areas=[eastside], live=False
    )
    ConsultationPageFactory(
        parent=hub,
        title="Eastside bins",
        areas=[eastside],
        opens_at=now - datetime.timedelta(weeks=20),
        closes_at=now - datetime.timedelta(weeks=8),
    )

    board = CommitteePageFactory(parent=index, title="Cabinet")
    held = meeting_with_minutes(board, uk(2026, 6, 11))
    item = AgendaItemPageFactory(
        parent=held, item_number="4", title="Eastside crossing", areas=[eastside]
    )
    ResolutionFactory(page=item, text="Agreed a crossing on Bridge Street.")
    other = AgendaItemPageFactory(
        parent=held, item_number="5", title="Greenway parking", areas=[greenway]
    )
    ResolutionFactory(page=other, text="Agreed Greenway parking bays.")
    unpublished = meeting_with_minutes(
        board, uk(2026, 7, 9), minutes_status=MinutesStatus.NONE
    )
    draft_item = AgendaItemPageFactory(
        parent=unpublished, item_number="2", title="Eastside lights", areas=[eastside]
    )
    ResolutionFactory(page=draft_item, text="Agreed new street lights.")

    councillor = PersonFactory(name="Priya Castell", ward=eastside)
    neighbour = PersonFactory(name="Ruth Adebayo", ward=greenway)
    officer = PersonFactory(name="Helen Marsh", kind=PersonKind.OFFICER, ward=eastside)
    off_committee = PersonFactory(name="Ann Nobody", ward=eastside)
    for person in (councillor, neighbour, officer):
        CommitteeMembershipFactory(page=board, person=person)
    assert off_committee

    stories = StoryIndexPageFactory(parent=home_page)
    StoryPageFactory(parent=stories, title="A room for Eastside", areas=[eastside])
    StoryPageFactory(parent=stories, title="Greenway gardens", areas=[greenway])
    return places.url + "eastside/"


def test_a_ward_page_gathers_what_is_linked_to_it(client, linked):
    page = soup(client.get(linked))
    assert text(page.h1) == "Eastside"
    councillors = section(page, "committees-area-councillors")
    assert [text(a) for a in councillors.select("li a")] == ["Cllr Priya Castell"]
    assert councillors.select_one("li a")["href"].endswith(
        "/councillors/priya-castell/"
    )
    consultations = section(page, "consultations-area-section")
    assert [text(h) for h in consultations.select("h3")] == [
        "Eastside play areas",
        "Eastside bins",
    ]
    decisions = section(page, "committees-area-decisions")
    assert "Agreed a crossing on Bridge Street." in text(decisions)
    assert "Greenway" not in text(decisions)
    assert "street lights" not in text(decisions)
    assert "A room for Eastside" in text(page)
    assert "Greenway gardens" not in text(page)


def test_a_place_page_keeps_its_query_count_as_records_grow(client, linked, eastside):
    before = count_queries(client, linked)
    hub = ConsultationPageFactory._meta.model.objects.first().get_parent()
    for n in range(8):
        ConsultationPageFactory(parent=hub, title=f"More {n}", areas=[eastside])
        PersonFactory(name=f"Extra Councillor{n}", ward=eastside)
    assert count_queries(client, linked) == before <= 15


def test_an_unknown_place_or_a_label_only_place_has_no_page(client, places):
    AreaFactory(name="Label", kind="")
    assert client.get(places.url + "label/").status_code == 404
    assert client.get(places.url + "nowhere/").status_code == 404


def test_records_link_to_their_places(client, linked, index):
    consultation = ConsultationPageFactory._meta.model.objects.get(
        title="Eastside play areas"
    )
    area_row = soup(client.get(consultation.url)).find("dt", string="Area")
    assert area_row.find_next("dd").a["href"] == linked
    item = AgendaItemPageFactory._meta.model.objects.get(title="Eastside crossing")
    page = soup(client.get(item.url))
    wards = page.find("strong", string="Wards affected:").parent
    assert wards.a["href"] == linked
    story = StoryPageFactory._meta.model.objects.get(title="A room for Eastside")
    places_row = soup(client.get(story.url)).find("dt", string="Places")
    assert places_row.find_next("dd").a["href"] == linked


def test_the_home_page_asks_for_a_postcode_that_finds_the_ward(client, demo_site):
    home = soup(client.get("/"))
    form = section(home, "your-area").form
    assert form["action"] == "/your-area/"
    assert form.input["name"] == "postcode"
    response = client.get(form["action"], {"postcode": "nv1 4ab"})
    assert response["Location"] == "/your-area/eastside/"


def test_the_decisions_register_filters_by_place(client, linked, index):
    decisions = section(soup(client.get(linked)), "committees-area-decisions")
    register_url = decisions.find("a", string="See all decisions affecting Eastside")[
        "href"
    ]
    assert register_url == index.url + "decisions/?place=eastside"
    page = soup(client.get(register_url))
    found = text(page.find("ul", attrs={"aria-labelledby": "results-heading"}))
    assert "Agreed a crossing on Bridge Street." in found
    assert "Greenway parking" not in found
    chosen = page.select_one("#id_place option[selected]")
    assert text(chosen) == "Eastside"
    response = client.get(index.url + "decisions/csv/?place=greenway")
    csv = b"".join(response.streaming_content).decode()
    assert "Agreed Greenway parking bays." in csv
    assert "Bridge Street" not in csv


def test_an_unknown_place_in_the_register_filter_is_an_error_not_a_500(
    client, linked, index
):
    response = client.get(index.url + "decisions/", {"place": "atlantis"})
    assert response.status_code == 200
    summary = soup(response).select_one(".govuk-error-summary")
    assert "Select a ward or place from the list" in text(summary)


def test_the_consultation_hub_filters_by_place(client, linked, home_page):
    consultations = section(soup(client.get(linked)), "consultations-area-section")
    hub_url = consultations.find("a", string="See all consultations in Eastside")[
        "href"
    ]
    assert hub_url == "/have-your-say/?place=eastside"
    page = soup(client.get(hub_url))
    titles = {text(h) for h in page.select("main h4 a")}
    assert titles == {"Eastside play areas", "Eastside bins"}
    assert text(page.select_one("#id_place option[selected]")) == "Eastside"
    # A place that is not one is ignored, as a stale link's filters are.
    everything = soup(client.get("/have-your-say/", {"place": "atlantis"}))
    assert "Borough budget" in text(everything)


def test_a_place_page_lists_items_coming_up_at_meetings(client, linked, index):
    board = CommitteePageFactory(parent=index, title="Planning committee")
    soon = meeting_with_minutes(
        board,
        timezone.now() + datetime.timedelta(days=9),
        minutes_status=MinutesStatus.NONE,
    )
    AgendaItemPageFactory(
        parent=soon,
        item_number="3",
        title="Eastside depot",
        areas=[linked_area(linked)],
    )
    AgendaItemPageFactory(
        parent=soon,
        item_number="4",
        title="Eastside land sale",
        areas=[linked_area(linked)],
        is_exempt=True,
    )
    coming_up = section(soup(client.get(linked)), "committees-area-coming-up")
    assert [text(h) for h in coming_up.select("h3")] == ["Item 3: Eastside depot"]
    assert "Planning committee" in text(coming_up)
    assert "land sale" not in text(soup(client.get(linked)))


def linked_area(url):
    from places.models import Area

    return Area.objects.get(slug=url.rstrip("/").rsplit("/", 1)[-1])


def test_a_place_page_lists_actions_under_way_and_the_tracker_filters_by_place(
    client, linked, index
):
    from committees.enums import ActionStatus
    from committees.factories import ActionFactory

    crossing = AgendaItemPageFactory._meta.model.objects.get(title="Eastside crossing")
    lights = AgendaItemPageFactory._meta.model.objects.get(title="Eastside lights")
    parking = AgendaItemPageFactory._meta.model.objects.get(title="Greenway parking")
    ActionFactory(agenda_item=crossing, description="Order the signals.")
    ActionFactory(
        agenda_item=crossing,
        description="Paint the lines.",
        status=ActionStatus.DONE,
    )
    # Minutes not out yet: nobody outside knows of it.
    ActionFactory(agenda_item=lights, description="Survey the lamp posts.")
    ActionFactory(agenda_item=parking, description="Mark the bays.")

    actions = section(soup(client.get(linked)), "committees-area-actions")
    assert [text(h) for h in actions.select("h3")] == ["Order the signals."]
    tracker_url = actions.find("a", string="See all actions for Eastside")["href"]
    assert tracker_url == index.url + "actions/?place=eastside"
    found = text(soup(client.get(tracker_url)).find("main"))
    assert "Order the signals." in found and "Paint the lines." in found
    assert "Mark the bays." not in found and "lamp posts" not in found


def test_a_postcode_in_a_place_made_a_label_only_is_not_a_dead_end(
    client, places, eastside
):
    PostcodeFactory(postcode="NV1 4AB", ward=eastside)
    eastside.kind = ""
    eastside.save()
    response = client.get(places.url, {"postcode": "NV1 4AB"})
    assert response.status_code == 200
    assert "We cannot find NV1 4AB" in text(
        soup(response).select_one(".govuk-error-summary")
    )


def test_two_places_cannot_share_an_ons_code(eastside):
    from django.core.exceptions import ValidationError

    clash = AreaFactory.build(
        name="Eastside North", slug="eastside-north", code="E05999901"
    )
    with pytest.raises(ValidationError, match="Another place has this ONS code"):
        clash.full_clean()
    # Places without a code are many.
    for name in ("Upper Wold", "Lower Wold"):
        AreaFactory(name=name, code="").full_clean()


def test_site_search_offers_a_place_for_its_name_or_a_postcode(client, demo_site):
    for query in ("Eastside", "  eastside ", "nv1 4ab"):
        page = soup(client.get("/search/", {"q": query}))
        recommended = page.find("ul", attrs={"aria-label": "Recommended"})
        assert recommended.a["href"] == "/your-area/eastside/", query
        assert text(recommended.a) == "Eastside"
    typed = soup(client.get("/search/", {"q": "Eastside", "type": "meetings"}))
    assert typed.find("ul", attrs={"aria-label": "Recommended"}) is None
    nothing = soup(client.get("/search/", {"q": "NV9 9ZZ"}))
    assert nothing.find("ul", attrs={"aria-label": "Recommended"}) is None
