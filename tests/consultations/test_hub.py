import html

import feedparser
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from freezegun import freeze_time

from consultations.factories import ConsultationPageFactory
from tests.consultations.conftest import DAY, NOW
from tests.html import soup, text
from tests.queries import count_queries

pytestmark = pytest.mark.django_db


def card_titles(response):
    """Titles in the main listing (not the outcomes strip above it)."""
    listing = soup(response).select(".govuk-grid-column-two-thirds .engage-card__title")
    return [text(h) for h in listing]


@pytest.fixture
def mixed(hub):
    def make(title, opens, closes, **extra):
        return ConsultationPageFactory(
            parent=hub,
            title=title,
            opens_at=NOW + opens,
            closes_at=NOW + closes,
            **extra,
        )

    return {
        "open late": make("Open, closes later", -5 * DAY, 20 * DAY, tags=["Parks"]),
        "open soon": make(
            "Open, closes soon", -5 * DAY, 2 * DAY, tags=["Roads", "Ynys Môn"]
        ),
        "forthcoming": make("Forthcoming", 3 * DAY, 40 * DAY),
        "closed": make("Closed, awaiting outcome", -40 * DAY, -3 * DAY),
        "concluded": make(
            "Concluded",
            -90 * DAY,
            -60 * DAY,
            outcome_published_at=NOW - 10 * DAY,
            we_did="<p>We built the new play area.</p>",
        ),
        "draft": make("Draft", -5 * DAY, 5 * DAY, live=False),
    }


def test_hub_lists_open_first_then_forthcoming_then_closed(client, hub, mixed):
    listing = card_titles(client.get(hub.url))
    assert listing == [
        "Open, closes soon",
        "Open, closes later",
        "Forthcoming",
        "Closed, awaiting outcome",
        "Concluded",
    ]
    assert "Draft" not in listing


def test_hub_groups_consultations_under_status_headings(client, hub, mixed):
    column = soup(client.get(hub.url)).select(".govuk-grid-column-two-thirds")[-1]
    headings = [text(h) for h in column.find_all("h3")]
    assert headings == ["Open", "Forthcoming", "Closed", "Outcome published"]


def test_hub_shows_we_asked_you_said_we_did_strip(client, hub, mixed):
    strip = soup(client.get(hub.url)).find(
        "section", attrs={"aria-labelledby": "outcomes-heading"}
    )
    assert "We built the new play area." in text(strip)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("status=open", ["Open, closes soon", "Open, closes later"]),
        ("status=forthcoming", ["Forthcoming"]),
        ("status=closed", ["Closed, awaiting outcome"]),
        ("status=outcome", ["Concluded"]),
        ("tag=parks", ["Open, closes later"]),
        # Welsh place names keep their accents in tag addresses.
        ("tag=ynys-môn", ["Open, closes soon"]),
        ("q=awaiting", ["Closed, awaiting outcome"]),
        ("tag=no-such-tag", []),
    ],
)
def test_filters(client, hub, mixed, query, expected):
    assert card_titles(client.get(f"{hub.url}?{query}")) == expected


@pytest.mark.parametrize(
    "query",
    [
        "page=abc",
        "page=-1",
        "page=99999",
        "status=<script>alert(1)</script>",
        "tag=%00",
        "tag=<b>",
        "q=" + "x" * 5000,
        "q=%FF%FE",
        "status=open&status=closed",
    ],
)
def test_any_query_string_gives_a_page_never_an_error(client, hub, mixed, query):
    response = client.get(f"{hub.url}?{query}")
    assert response.status_code == 200
    assert b"<script>alert(1)" not in response.content


def test_hub_query_count_does_not_grow_with_the_data(client, hub):
    def add(count, start):
        for n in range(start, start + count):
            ConsultationPageFactory(
                parent=hub,
                title=f"C{n}",
                opens_at=NOW - DAY,
                closes_at=NOW + (n + 1) * DAY,
                tags=["Parks", f"Tag {n}"],
            )

    add(3, 0)
    small = count_queries(client, hub.url)
    add(30, 3)
    assert count_queries(client, hub.url) == small
    assert small <= 15


def test_feed_lists_new_and_open_consultations(client, hub, mixed):
    response = client.get(hub.url + "feed/")
    assert response.status_code == 200
    feed = feedparser.parse(response.content)
    assert not feed.bozo
    assert sorted(entry.title for entry in feed.entries) == [
        "Forthcoming",
        "Open, closes later",
        "Open, closes soon",
    ]
    head = soup(client.get(hub.url)).find("link", rel="alternate")
    assert head["type"] == "application/rss+xml"
    assert head["href"].endswith("/feed/")


def test_feed_items_are_dated_no_later_than_now_and_keep_their_words(
    client, hub, mixed
):
    mixed["forthcoming"].summary = "Bins <weekly> & more"
    mixed["forthcoming"].save_revision().publish()
    feed = feedparser.parse(client.get(hub.url + "feed/").content)
    forthcoming = next(e for e in feed.entries if e.title == "Forthcoming")
    assert html.unescape(forthcoming.summary) == "Bins <weekly> & more"
    now = timezone.now().timetuple()[:6]
    assert all(entry.published_parsed[:6] <= now for entry in feed.entries)


def test_search_totals_follow_new_consultations_on_the_next_request(client, hub, mixed):
    """Totals are kept per content generation: a published consultation
    counts on the next request."""
    before = client.get(hub.url + "?q=closes")
    assert text(soup(before).select_one("h2.govuk-heading-l")) == (
        "2 consultations found"
    )
    ConsultationPageFactory(
        parent=hub,
        title="Open, closes next month",
        opens_at=NOW - DAY,
        closes_at=NOW + 30 * DAY,
    )
    after = client.get(hub.url + "?q=closes")
    assert text(soup(after).select_one("h2.govuk-heading-l")) == (
        "3 consultations found"
    )


def test_the_order_follows_the_clock_without_any_change_to_content(
    client, hub, mixed, shared_cache
):
    """Each worker keeps the hub's order (consultations/hub.py) until content
    changes or a consultation opens, closes or has its outcome published.
    With a shared cache, moving the clock a day does not end the memo by age."""
    with freeze_time(NOW + DAY) as clock:
        assert card_titles(client.get(hub.url))[:3] == [
            "Open, closes soon",
            "Open, closes later",
            "Forthcoming",
        ]
        clock.move_to(NOW + 2 * DAY)  # "Open, closes soon" closes
        assert card_titles(client.get(hub.url))[:3] == [
            "Open, closes later",
            "Forthcoming",
            "Open, closes soon",
        ]
        assert card_titles(client.get(hub.url + "?status=open")) == [
            "Open, closes later"
        ]
        clock.move_to(NOW + 3 * DAY)  # "Forthcoming" opens
        assert card_titles(client.get(hub.url + "?status=open")) == [
            "Open, closes later",
            "Forthcoming",
        ]


def test_a_warm_hub_fetches_only_the_consultations_it_shows(client, hub, mixed):
    client.get(hub.url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(hub.url)
    assert len(card_titles(response)) == 5
    listings = [
        q["sql"] for q in queries if "consultations_consultationpage" in q["sql"]
    ]
    # The three outcomes above the list, and this page's consultations by id.
    assert len(listings) == 2, listings
    assert not [sql for sql in listings if "CASE WHEN" in sql]


def test_a_consultation_unpublished_since_the_order_was_kept_is_left_out(
    client, hub, mixed
):
    client.get(hub.url)
    # Straight in the database, so the content generation stays and the
    # kept order still names it.
    forthcoming = mixed["forthcoming"]
    type(forthcoming).objects.filter(pk=forthcoming.pk).update(live=False)
    listing = card_titles(client.get(hub.url))
    assert "Forthcoming" not in listing
    assert len(listing) == 4
