"""Site search (/search/): only live, public pages of the public types, never
part-two items, with a type filter, recommended results and GOV.UK errors."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.models import PageViewRestriction
from wagtail.rich_text import RichText

from committees.enums import MinutesStatus
from committees.factories import (
    AgendaItemPageFactory,
    CommitteeIndexPageFactory,
    CommitteePageFactory,
    KeyPointFactory,
    MeetingPageFactory,
    PublicQuestionFactory,
    ResolutionFactory,
)
from consultations.factories import (
    ConsultationIndexPageFactory,
    ConsultationPageFactory,
)
from core import content_generation
from home.factories import StandardPageFactory
from stories.factories import StoryIndexPageFactory, StoryPageFactory
from tests.html import soup, text
from tests.queries import count_queries

pytestmark = pytest.mark.django_db

URL = "/search/"
SECTION_LABELS = {
    "consultations": "Consultations",
    "meetings": "Meetings and decisions",
    "stories": "Success stories",
    "other": "Other pages",
}


@pytest.fixture
def sections(search_updates, home_page):
    return {
        "consultations": ConsultationIndexPageFactory(parent=home_page),
        "committee": CommitteePageFactory(
            parent=CommitteeIndexPageFactory(parent=home_page),
            title="Health and Wellbeing Board",
        ),
        "stories": StoryIndexPageFactory(parent=home_page),
    }


@pytest.fixture
def allotment_pages(sections, home_page):
    """One page about allotments of each kind."""
    meeting = MeetingPageFactory(
        parent=sections["committee"], title="Allotments review meeting"
    )
    return {
        "consultation": ConsultationPageFactory(
            parent=sections["consultations"],
            title="Allotment rents 2027",
            summary="Proposed allotment rents for the next three years.",
        ),
        "meeting": meeting,
        "item": AgendaItemPageFactory(parent=meeting, title="Allotment waiting lists"),
        "story": StoryPageFactory(
            parent=sections["stories"], title="New allotments at Millbrook"
        ),
        "standard": StandardPageFactory(
            parent=home_page,
            title="Allotments",
            summary="How to rent an allotment plot.",
        ),
    }


def result_titles(response) -> list[str]:
    document = soup(response)
    cards = document.select("ul[aria-labelledby=results-heading] .engage-card__title")
    return [text(card) for card in cards]


def recommended_titles(response) -> list[str]:
    cards = soup(response).select("ul[aria-label=Recommended] .engage-card__title")
    return [text(card) for card in cards]


def error_messages(response) -> list[str]:
    document = soup(response)
    return [text(item) for item in document.select(".govuk-error-summary__list li")]


def test_an_empty_search_explains_what_can_be_found(client, home_page):
    response = client.get(URL)
    assert response.status_code == 200
    document = soup(response)
    assert text(document.h1) == "Search"
    assert document.find("input", attrs={"name": "q", "type": "search"})
    assert "consultations you can have your say on" in text(document.main)
    assert not document.select(".govuk-error-summary")
    assert text(document.title).startswith("Search - ")


def test_results_cover_every_public_type(client, allotment_pages):
    response = client.get(URL, {"q": "allotments"})
    assert response.status_code == 200
    assert set(result_titles(response)) == {
        "Allotment rents 2027",
        "Allotments review meeting",
        "Allotment waiting lists",
        "New allotments at Millbrook",
        "Allotments",
    }
    document = soup(response)
    assert text(document.find(id="results-heading")) == "5 results"
    # The snippet is the page's summary.
    assert "Proposed allotment rents for the next three years." in text(document.main)


@pytest.mark.parametrize(
    ("section", "expected"),
    [
        ("consultations", {"Allotment rents 2027"}),
        ("meetings", {"Allotments review meeting", "Allotment waiting lists"}),
        ("stories", {"New allotments at Millbrook"}),
        ("other", {"Allotments"}),
    ],
)
def test_results_filter_by_type_with_counts(client, allotment_pages, section, expected):
    response = client.get(URL, {"q": "allotments", "type": section})
    assert set(result_titles(response)) == expected
    nav = soup(response).find("nav", attrs={"aria-labelledby": "filter-heading"})
    assert [text(link) for link in nav.find_all("a")] == [
        "All pages (5)",
        "Consultations (1)",
        "Meetings and decisions (2)",
        "Success stories (1)",
        "Other pages (1)",
    ]
    current = nav.find("a", attrs={"aria-current": "page"})
    assert text(current).startswith(f"{SECTION_LABELS[section]} (")


def test_an_unknown_type_searches_everything(client, allotment_pages):
    response = client.get(URL, {"q": "allotments", "type": "secret"})
    assert response.status_code == 200
    assert len(result_titles(response)) == 5


def test_an_items_minutes_are_found_once_the_meeting_puts_them_out(client, sections):
    meeting = MeetingPageFactory(
        parent=sections["committee"],
        title="Spring meeting",
        starts_at=timezone.now() - datetime.timedelta(days=7),
    )
    item = AgendaItemPageFactory(parent=meeting, title="Household waste")
    ResolutionFactory(page=item, text="Agreed fortnightly garden collections.")
    KeyPointFactory(page=item, point="<p>Asked about <b>wheelie</b> bin sizes.</p>")
    PublicQuestionFactory(page=item, answer="<p>Compost bins are half price.</p>")
    item.save_revision().publish()
    minutes_words = ("fortnightly", "wheelie", "compost")
    for word in minutes_words:
        assert result_titles(client.get(URL, {"q": word})) == [], word

    meeting.minutes_status = MinutesStatus.DRAFT
    meeting.save_revision().publish()
    for word in minutes_words:
        assert result_titles(client.get(URL, {"q": word})) == ["Household waste"], word

    # Taken back, they are not found again.
    meeting.minutes_status = MinutesStatus.NONE
    meeting.save_revision().publish()
    assert result_titles(client.get(URL, {"q": "fortnightly"})) == []


def test_minutes_corrected_in_a_revision_are_found_as_corrected(client, sections):
    meeting = MeetingPageFactory(
        parent=sections["committee"],
        starts_at=timezone.now() - datetime.timedelta(days=7),
        minutes_status=MinutesStatus.DRAFT,
    )
    item = AgendaItemPageFactory(parent=meeting, title="Play areas")
    ResolutionFactory(page=item, text="Thanked Mrs Quennell for the petition.")
    item.save_revision().publish()
    assert result_titles(client.get(URL, {"q": "Quennell"})) == ["Play areas"]

    # As the admin does it: the minutes edited in a revision, then published.
    draft = item.get_latest_revision_as_object()
    draft.resolutions.first().text = "Thanked the petitioners."
    draft.save_revision().publish()
    assert result_titles(client.get(URL, {"q": "Quennell"})) == []
    assert result_titles(client.get(URL, {"q": "petitioners"})) == ["Play areas"]


def test_an_items_report_is_found(client, sections):
    meeting = MeetingPageFactory(parent=sections["committee"])
    AgendaItemPageFactory(
        parent=meeting,
        title="Libraries",
        body=[("rich_text", RichText("<p>Extending Saturday opening.</p>"))],
    )
    assert result_titles(client.get(URL, {"q": "saturday"})) == ["Libraries"]


def test_exempt_items_are_never_found(client, sections):
    meeting = MeetingPageFactory(parent=sections["committee"], title="Spring meeting")
    item = AgendaItemPageFactory(
        parent=meeting, title="Disposal of Quayside Depot", is_exempt=True
    )
    for query in ("Disposal of Quayside Depot", "Quayside", "depot"):
        response = client.get(URL, {"q": query})
        assert result_titles(response) == [], query
        assert text(soup(response).find(id="results-heading")) == "0 results"
        assert item.url not in response.content.decode()


def test_an_item_made_exempt_after_indexing_is_not_found(client, sections):
    meeting = MeetingPageFactory(parent=sections["committee"], title="Spring meeting")
    item = AgendaItemPageFactory(parent=meeting, title="Quayside Depot lease")
    assert result_titles(client.get(URL, {"q": "Quayside"})) == ["Quayside Depot lease"]
    # Changed directly in the database, so the index still holds the item.
    type(item).objects.filter(pk=item.pk).update(is_exempt=True)
    assert result_titles(client.get(URL, {"q": "Quayside"})) == []


def test_unpublished_and_restricted_pages_are_never_found(client, home_page, sections):
    StandardPageFactory(parent=home_page, title="Zephyr draft", live=False)
    private = StandardPageFactory(parent=home_page, title="Zephyr private")
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    below = StandardPageFactory(parent=private, title="Zephyr below private")
    assert below.live
    StandardPageFactory(parent=home_page, title="Zephyr public")
    assert result_titles(client.get(URL, {"q": "zephyr"})) == ["Zephyr public"]


def test_a_page_restricted_after_a_search_is_not_found_again(
    client, home_page, sections
):
    private = StandardPageFactory(parent=home_page, title="Zephyr minutes")
    assert result_titles(client.get(URL, {"q": "zephyr"})) == ["Zephyr minutes"]
    with CaptureQueriesContext(connection) as queries:
        assert result_titles(client.get(URL, {"q": "zephyr"})) == ["Zephyr minutes"]
    # With no page restricted anywhere, a warm worker looks up no restrictions.
    assert not [q for q in queries if "wagtailcore_pageviewrestriction" in q["sql"]]
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    assert result_titles(client.get(URL, {"q": "zephyr"})) == []


def test_the_root_and_other_sites_are_never_found(client, home_page, sections):
    # The tree's root (depth 1) is a plain Page outside every site.
    response = client.get(URL, {"q": "Root"})
    assert result_titles(response) == []


def test_a_script_in_the_query_is_escaped(client, allotment_pages):
    payload = '<script>alert("x")</script>'
    response = client.get(URL, {"q": payload})
    assert response.status_code == 200
    html = response.content.decode()
    assert "<script>alert" not in html
    assert "&lt;script&gt;" in html
    assert not soup(response).find("script", string=lambda s: s and "alert" in s)


@pytest.mark.parametrize(
    ("query_string", "message"),
    [
        (
            "q=" + "a" * 201,
            "Search terms must be 200 characters or fewer",
        ),
        (
            "q=allot%00ments",
            "Search terms must only include letters, numbers, spaces and punctuation",
        ),
        (
            "q=%ff",
            "Search terms must only include letters, numbers, spaces and punctuation",
        ),
        (
            "q=%1b%5b31m",
            "Search terms must only include letters, numbers, spaces and punctuation",
        ),
    ],
)
def test_bad_queries_get_a_message_not_an_error(
    client, allotment_pages, query_string, message
):
    response = client.get(f"{URL}?{query_string}")
    assert response.status_code == 200
    assert error_messages(response) == [message]
    document = soup(response)
    assert text(document.title).startswith("Error: ")
    assert document.find(id="id_q")["aria-invalid"] == "true"
    assert text(document.select_one("#id_q_error")) == f"Error: {message}"
    # What was typed is shown back, but never a character HTML forbids.
    assert "\x00" not in response.content.decode()
    assert "\x1b" not in response.content.decode()
    assert not result_titles(response)


@pytest.mark.parametrize(
    "query",
    ["a" * 200, "'", '"', "!", "&|", "(", ":*", "\\", "-", "allotments OR", "é ü ß"],
)
def test_odd_but_valid_queries_search_without_error(client, allotment_pages, query):
    response = client.get(URL, {"q": query})
    assert response.status_code == 200
    assert not error_messages(response)


def test_results_are_paginated(client, sections):
    for number in range(23):
        StoryPageFactory(parent=sections["stories"], title=f"Riverside walk {number}")
    first = client.get(URL, {"q": "riverside"})
    assert len(result_titles(first)) == 10
    assert text(soup(first).find(id="results-heading")) == "23 results"
    third = client.get(URL, {"q": "riverside", "page": "3"})
    assert len(result_titles(third)) == 3
    links = soup(third).select(".govuk-pagination__link")
    assert links[0]["href"] == "?q=riverside&page=2"
    # Out of range: the nearest real page.
    assert len(result_titles(client.get(URL, {"q": "riverside", "page": "99"}))) == 3


def test_the_type_is_kept_on_pagination_links(client, sections):
    for number in range(12):
        StoryPageFactory(parent=sections["stories"], title=f"Riverside walk {number}")
    response = client.get(URL, {"q": "riverside", "type": "stories"})
    next_link = soup(response).select_one(".govuk-pagination__next a")
    assert next_link["href"] == "?q=riverside&type=stories&page=2"


def test_promoted_results_come_first(client, allotment_pages, home_page):
    promoted = StandardPageFactory(
        parent=home_page, title="Growing food in Northvale", summary="Gardening."
    )
    query = Query.get("allotments")
    SearchPromotion.objects.create(
        query=query,
        page=promoted,
        description="Everything about growing food.",
        sort_order=0,
    )
    SearchPromotion.objects.create(
        query=query, page=allotment_pages["consultation"], sort_order=1
    )
    response = client.get(URL, {"q": "Allotments "})
    assert recommended_titles(response) == [
        "Growing food in Northvale",
        "Allotment rents 2027",
    ]
    document = soup(response)
    recommended = document.select_one("ul[aria-label=Recommended]")
    assert "Everything about growing food." in text(recommended)
    # Shown once, as recommended, not again among the results.
    assert "Allotment rents 2027" not in result_titles(response)
    assert text(document.find(id="results-heading")) == "6 results"
    # A recommended page that is not public is not shown.
    promoted.unpublish()
    assert recommended_titles(client.get(URL, {"q": "allotments"})) == [
        "Allotment rents 2027"
    ]


def test_promoted_exempt_items_are_never_shown(client, allotment_pages):
    item = allotment_pages["item"]
    type(item).objects.filter(pk=item.pk).update(is_exempt=True)
    SearchPromotion.objects.create(query=Query.get("allotments"), page=item)
    response = client.get(URL, {"q": "allotments"})
    assert recommended_titles(response) == []
    assert "Allotment waiting lists" not in response.content.decode()


def build_stories(index, start, count):
    for number in range(start, start + count):
        StoryPageFactory(parent=index, title=f"Harbour story {number}")


def test_query_count_does_not_grow_with_results(client, sections):
    url = f"{URL}?q=harbour"
    build_stories(sections["stories"], 0, 5)
    few = count_queries(client, url)
    build_stories(sections["stories"], 5, 45)
    many = count_queries(client, url)
    assert few == many, (few, many)
    assert many <= 20, many


def test_the_count_shown_is_the_results_of_the_chosen_type(client, sections):
    for number in range(12):
        StoryPageFactory(parent=sections["stories"], title=f"Riverside walk {number}")
    StandardPageFactory(parent=sections["stories"].get_parent(), title="Riverside")
    first = client.get(URL, {"q": "riverside", "type": "stories"})
    document = soup(first)
    assert text(document.find(id="results-heading")) == "12 results"
    assert "Showing 1 to 10 of 12 results" in text(document.main)
    second = client.get(URL, {"q": "riverside", "type": "stories", "page": "2"})
    assert len(result_titles(second)) == 2
    assert text(soup(second).find(id="results-heading")) == "12 results"


def test_a_recommended_result_is_counted_once_within_a_type(client, allotment_pages):
    SearchPromotion.objects.create(
        query=Query.get("allotments"), page=allotment_pages["meeting"]
    )
    response = client.get(URL, {"q": "allotments", "type": "meetings"})
    assert recommended_titles(response) == ["Allotments review meeting"]
    assert result_titles(response) == ["Allotment waiting lists"]
    document = soup(response)
    assert text(document.find(id="results-heading")) == "2 results"
    nav = document.find("nav", attrs={"aria-labelledby": "filter-heading"})
    assert text(nav.find("a", attrs={"aria-current": "page"})) == (
        "Meetings and decisions (2)"
    )


def index_searches(client, url) -> list[str]:
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    return [q["sql"] for q in queries if "wagtailsearch_indexentry" in q["sql"]]


def test_results_and_counts_take_one_query_each_over_the_index(client, allotment_pages):
    url = f"{URL}?q=allotments"
    # The type filter's counts, and one page of results: no separate count.
    assert len(index_searches(client, url)) == 2
    # The counts are kept for the content generation, as listings' totals are.
    assert len(index_searches(client, url)) == 1
    assert len(index_searches(client, f"{URL}?q=allotments&type=stories")) == 1
    assert len(index_searches(client, f"{URL}?q=rents")) == 2


def test_kept_counts_follow_a_publish(client, allotment_pages, sections):
    url = f"{URL}?q=harbour"
    StoryPageFactory(parent=sections["stories"], title="Harbour walk")
    heading = text(soup(client.get(url)).find(id="results-heading"))
    assert heading == "1 result"
    StoryPageFactory(parent=sections["stories"], title="Harbour steps")
    response = client.get(url)
    assert text(soup(response).find(id="results-heading")) == "2 results"
    assert sorted(result_titles(response)) == ["Harbour steps", "Harbour walk"]


@pytest.mark.parametrize("command", ["update_index", "wagtail_update_index"])
def test_rebuilding_the_index_replaces_the_content_generation(command, allotment_pages):
    before = content_generation.current()
    call_command(command, stdout=io.StringIO())
    assert content_generation.current() != before


def test_rebuilding_the_index_gives_the_planner_its_new_rows(allotment_pages):
    with CaptureQueriesContext(connection) as queries:
        call_command("update_index", stdout=io.StringIO())
    assert queries[-1]["sql"] == 'ANALYZE "wagtailsearch_indexentry"'


def prepared_statements() -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        return [row[0] for row in cursor.fetchall()]


def test_searches_are_planned_for_their_words(client, allotment_pages, settings):
    """A prepared statement soon gets one plan for any words; a search's
    words decide how many rows it reads (core.statements)."""
    settings.COUNT_CACHE_SECONDS = 0
    for _ in range(8):
        client.get(URL, {"q": "allotments"})
    prepared = prepared_statements()
    # Preparing is on, so the page's other repeated statements are prepared.
    assert any("wagtailsearchpromotions_searchpromotion" in s for s in prepared)
    searches = [
        s
        for s in prepared
        if "@@" in s and "wagtailsearch_indexentry" in s  # not indexing's
    ]
    assert not searches


def test_the_index_serves_what_search_asks(client, allotment_pages):
    """The backend matches `title || body`, which has an index of its own
    (search/migrations), so a search need not read the whole index table."""
    with CaptureQueriesContext(connection) as queries:
        client.get(URL, {"q": "allotments"})
    match = (
        '("wagtailsearch_indexentry"."title" || "wagtailsearch_indexentry"."body") @@'
    )
    assert all(
        match in q["sql"] for q in queries if "wagtailsearch_indexentry" in q["sql"]
    )
    with connection.cursor() as cursor:
        # So few rows are cheaper to read in full; ask whether it can be used.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(
            "EXPLAIN SELECT id FROM wagtailsearch_indexentry "
            "WHERE (title || body) @@ to_tsquery('english', 'allotment')"
        )
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "search_indexentry_title_body_gin" in plan, plan


def test_search_looks_up_the_pages_it_matched(client, allotment_pages):
    """Wagtail's backend joins index entries to pages on the page id written
    as text, which has an index of its own (search/migrations), and the
    part-two items are left out by a list rather than a subquery, which the
    planner would charge to every page looked up. Together they let
    PostgreSQL look up the few pages a search matched instead of hashing
    every page on the site."""
    with CaptureQueriesContext(connection) as queries:
        client.get(URL, {"q": "allotments"})
    searches = [q["sql"] for q in queries if "wagtailsearch_indexentry" in q["sql"]]
    assert len(searches) == 2, searches
    join = '"wagtailsearch_indexentry"."object_id" = ("wagtailcore_page"."id")::varchar(50)'
    for sql in searches:
        assert join in sql, sql
        assert "committees_agendaitempage" not in sql, sql
    with connection.cursor() as cursor:
        # The index's expression as PostgreSQL records it is the join's. On
        # so few rows the planner may read the table instead, so ask the
        # catalogue rather than the planner.
        cursor.execute(
            "SELECT indexdef FROM pg_indexes WHERE indexname = 'search_page_id_as_text'"
        )
        (definition,) = cursor.fetchone()
    assert definition.endswith("USING btree ((((id)::character varying(50))::text))"), (
        definition
    )
