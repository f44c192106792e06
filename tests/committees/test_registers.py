"""The public registers: decisions (with their feed), actions, and the latest
decisions on a committee's page."""

import shutil

import feedparser
import pytest
from django.utils import timezone

from committees.enums import ActionStatus, MinutesStatus
from committees.factories import (
    ActionFactory,
    ActionUpdateFactory,
    AgendaItemPageFactory,
    CommitteePageFactory,
    PersonFactory,
    ResolutionFactory,
)
from committees.forms import parse_date
from committees.models import Resolution
from tests.browser.conftest import browser_type_launch_args  # noqa: F401
from tests.committees.conftest import DAY, meeting_with_minutes, uk
from tests.html import link_texts, section, soup, text
from tests.queries import count_queries

pytestmark = pytest.mark.django_db


def register_url(index, query=""):
    url = index.url + index.reverse_subpage("decisions_register")
    return f"{url}?{query}" if query else url


def tracker_url(index, query=""):
    url = index.url + index.reverse_subpage("action_tracker")
    return f"{url}?{query}" if query else url


def entries(response):
    return soup(response).select("#main-content .engage-card")


def decision_texts(response):
    return [text(entry.select("p.govuk-body")[0]) for entry in entries(response)]


# The decisions register


def test_register_lists_public_decisions_newest_meeting_first(client, index, decisions):
    response = client.get(register_url(index))
    assert response.status_code == 200
    assert decision_texts(response) == [
        "Resolution 1: Noted the progress report.",
        "Resolution 2: Endorsed the renewed ambition to empower communities.",
        "Resolution 1: Asked for a review of charges.",
    ]
    assert text(soup(response).find("h1")) == "Decisions"
    assert soup(response).title.string.startswith("Decisions - ")


def test_register_entry_links_to_the_resolution_on_its_item(
    client, index, decisions, item
):
    entry = entries(client.get(register_url(index)))[1]
    link = entry.find("h3").find("a")
    assert link["href"] == f"{item.url}#resolution-2"
    assert text(link) == "Item 5: Empowering our communities , resolution 2"
    meta = entry.select_one(".engage-card__meta")
    assert text(meta) == "Health and Wellbeing Board, meeting on 11 June 2026"
    assert meta.find("time")["datetime"] == "2026-06-11T14:00+01:00"
    assert "See section 5.2 of the report." in text(entry)
    assert "See section" not in text(entries(client.get(register_url(index)))[0])


@pytest.mark.parametrize(
    "secret",
    [
        "Agreed the secret purchase.",
        "Secret land deal",
        "Agreed the unpublished item.",
        "Agreed before the minutes were out.",
        "Agreed behind a password.",
    ],
)
def test_register_never_shows_exempt_draft_unminuted_or_restricted_decisions(
    client, index, decisions, secret
):
    response = client.get(register_url(index))
    assert secret not in response.content.decode()
    assert len(entries(response)) == 3


def test_register_offers_its_feed_in_the_head(client, index, decisions):
    link = soup(client.get(register_url(index))).find(
        "link", rel="alternate", type="application/rss+xml"
    )
    assert link["href"] == index.url + "decisions/feed/"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("committee=scrutiny", ["Asked for a review of charges."]),
        (
            "committee=health-board",
            [
                "Noted the progress report.",
                "Endorsed the renewed ambition to empower communities.",
            ],
        ),
        (
            "date_from=1/6/2026",
            [
                "Noted the progress report.",
                "Endorsed the renewed ambition to empower communities.",
            ],
        ),
        ("date_to=11/6/2026", None),
        ("date_to=10 June 2026", ["Asked for a review of charges."]),
        ("date_from=2026-03-04&date_to=4/3/2026", ["Asked for a review of charges."]),
        ("q=CHARGES", ["Asked for a review of charges."]),
        ("q=empowering progress", ["Noted the progress report."]),
        ("q=nothing-like-this", []),
        ("committee=scrutiny&q=progress", []),
    ],
)
def test_register_filters(client, index, decisions, query, expected):
    if expected is None:  # every public decision
        expected = [
            "Noted the progress report.",
            "Endorsed the renewed ambition to empower communities.",
            "Asked for a review of charges.",
        ]
    response = client.get(register_url(index, query))
    assert response.status_code == 200
    assert soup(response).select(".govuk-error-summary") == []
    assert [t.split(": ", 1)[1] for t in decision_texts(response)] == expected
    heading = text(soup(response).find(id="results-heading"))
    assert (
        heading == f"{len(expected)} decision{'s' if len(expected) != 1 else ''} found"
    )
    if not expected:
        assert "No decisions match." in text(soup(response).find("main"))


def test_register_filter_form_keeps_what_was_chosen(client, index, decisions):
    page = soup(
        client.get(register_url(index, "committee=scrutiny&date_from=4/3/2026&q=car"))
    )
    assert page.find("option", selected=True)["value"] == "scrutiny"
    assert page.find(id="id_date_from")["value"] == "4/3/2026"
    assert page.find(id="id_q")["value"] == "car"
    options = [
        option.text for option in page.find(id="id_committee").find_all("option")
    ]
    assert options == [
        "All committees",
        "Health and Wellbeing Board",
        "Overview and Scrutiny",
    ]


@pytest.mark.parametrize(
    ("query", "field", "message"),
    [
        ("date_from=31/02/2026", "date_from", "The “from” date must be a real date"),
        ("date_to=29/2/2027", "date_to", "The “to” date must be a real date"),
        ("date_from=tomorrow", "date_from", "Enter the “from” date as a day"),
        ("date_from=%ff%fe", "date_from", "Enter the “from” date as a day"),
        ("date_to=99999999999999999999", "date_to", "Enter the “to” date as a day"),
        ("date_from=1/1/" + "9" * 5000, "date_from", "Enter the “from” date as a day"),
        ("date_to=0/0/0000", "date_to", "The “to” date must be a real date"),
        ("date_to=1/13/2026", "date_to", "The “to” date must be a real date"),
        ("date_from=%00", "date_from", "Enter the “from” date as a day"),
        (
            "date_from=2/1/2026&date_to=1/1/2026",
            "date_to",
            "The “to” date must be the same as or after the “from” date",
        ),
        (
            "committee=no-such-committee",
            "committee",
            "Select a committee from the list",
        ),
        ("committee=%ff", "committee", "Select a committee from the list"),
        ("q=" + "x" * 101, "q", "Keywords must be 100 characters or fewer"),
        ("q=" + "x" * 101 + "%00", "q", "Keywords must be 100 characters or fewer"),
    ],
)
def test_register_explains_bad_filters_without_failing(
    client, index, decisions, query, field, message
):
    response = client.get(register_url(index, query))
    assert response.status_code == 200
    page = soup(response)
    assert page.title.string.startswith("Error: ")
    summary = page.select_one(".govuk-error-summary")
    link = summary.find("a", href=f"#id_{field}")
    assert text(link).startswith(message)
    control = page.find(id=f"id_{field}")
    assert control["aria-invalid"] == "true"
    error = page.find(id=f"id_{field}_error")
    assert error is not None and message in text(error)
    assert f"id_{field}_error" in control["aria-describedby"].split()
    # A bad filter is left out; the register still lists decisions.
    assert entries(response)


@pytest.mark.parametrize(
    "query",
    [
        "page=abc",
        "page=-1",
        "page=99999999999999999999999999",
        "unknown=1",
        "committee=",
        "q=%20%20",
        "committee=scrutiny&committee=health-board",
        "q=<script>alert(1)</script>",
        "q=a%00b",
    ],
)
def test_register_takes_odd_but_harmless_query_strings(client, index, decisions, query):
    response = client.get(register_url(index, query))
    assert response.status_code == 200
    assert soup(response).select(".govuk-error-summary") == []
    assert b"<script>alert(1)" not in response.content


def test_register_is_paginated_and_keeps_the_filters(client, index, board, item):
    Resolution.objects.bulk_create(
        Resolution(page=item, text=f"Decision {n}.", sort_order=n) for n in range(25)
    )
    first = client.get(register_url(index, "committee=health-board"))
    assert len(entries(first)) == 20
    assert "Showing 1 to 20 of 25 decisions" in text(soup(first).find("main"))
    next_link = soup(first).find("a", rel="next")
    assert next_link["href"] == "?committee=health-board&page=2"
    second = client.get(register_url(index, "committee=health-board&page=2"))
    assert decision_texts(second)[0] == "Resolution 21: Decision 20."
    assert len(entries(second)) == 5


def test_register_query_count_does_not_grow_with_the_data(
    client, index, board, scrutiny
):
    def add(count, committee, start):
        meetings = [
            meeting_with_minutes(
                committee, uk(2026, 1, 5) + n * 7 * DAY, title=f"Meeting {start}-{n}"
            )
            for n in range(2)
        ]
        items = [AgendaItemPageFactory(parent=m) for m in meetings for _ in range(2)]
        Resolution.objects.bulk_create(
            Resolution(
                page=items[n % len(items)],
                text=f"Decision {start + n}.",
                sort_order=n // len(items),
            )
            for n in range(count)
        )

    add(10, board, 0)
    query = "committee=health-board&q=decision&date_from=1/1/2026&page=2"
    small = count_queries(client, register_url(index))
    small_filtered = count_queries(client, register_url(index, query))
    add(990, board, 10)
    add(5, scrutiny, 1000)
    assert Resolution.objects.count() == 1005
    assert count_queries(client, register_url(index)) == small
    assert count_queries(client, register_url(index, query)) == small_filtered
    # Routing, view restrictions, site settings and navigation, plus the
    # register's own four: committees, count, breadcrumbs and one page.
    assert small <= 14


# The feed


def test_feed_lists_public_decisions_for_feed_readers(client, index, decisions, item):
    response = client.get(index.url + "decisions/feed/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    feed = feedparser.parse(response.content)
    assert not feed.bozo
    assert [entry.title for entry in feed.entries] == [
        "Health and Wellbeing Board, 11 June 2026: resolution 1 on "
        "Empowering our communities",
        "Health and Wellbeing Board, 11 June 2026: resolution 2 on "
        "Empowering our communities",
        "Overview and Scrutiny, 4 March 2026: resolution 1 on Town centre parking",
    ]
    second = feed.entries[1]
    assert second.link == f"http://testserver{item.url}#resolution-2"
    assert "See section 5.2 of the report." in second.description
    assert second.published_parsed[:5] == (2026, 6, 11, 13, 0)  # UTC
    assert "secret" not in response.content.decode().lower()
    assert "password" not in response.content.decode().lower()


def test_feed_escapes_decision_text(client, index, item):
    ResolutionFactory(page=item, text="Agreed <script>alert(1)</script> & more.")
    feed = feedparser.parse(client.get(index.url + "decisions/feed/").content)
    assert "<script>" not in feed.entries[0].description
    assert "&lt;script&gt;" in feed.entries[0].description


def test_feed_holds_the_newest_fifty(client, index, item):
    Resolution.objects.bulk_create(
        Resolution(page=item, text=f"Decision {n}.", sort_order=n) for n in range(60)
    )
    feed = feedparser.parse(client.get(index.url + "decisions/feed/").content)
    assert len(feed.entries) == 50


# The action tracker


@pytest.fixture
def officer():
    return PersonFactory(
        title="", name="Amara Okafor", role_title="Director of Public Health"
    )


@pytest.fixture
def actions(board, scrutiny, june, item, officer):
    today = timezone.localdate()
    resolution = ResolutionFactory(page=item, text="Endorsed the ambition.")
    late = ActionFactory(
        agenda_item=item,
        resolution=resolution,
        description="Report back on the ambition.",
        owner=officer,
        due_on=today - 3 * DAY,
        status=ActionStatus.IN_PROGRESS,
    )
    ActionUpdateFactory(action=late, note="First draft.", noted_on=today - 20 * DAY)
    ActionUpdateFactory(action=late, note="Second draft.", noted_on=today - 5 * DAY)
    ActionFactory(
        agenda_item=item,
        description="Write to the partners.",
        due_on=today - 10 * DAY,
        status=ActionStatus.DONE,
    )
    march = meeting_with_minutes(scrutiny, uk(2026, 3, 4), title="March actions")
    parking = AgendaItemPageFactory(parent=march, title="Town centre parking")
    ActionFactory(
        agenda_item=parking, description="Review the charges.", due_on=today + 30 * DAY
    )
    exempt = AgendaItemPageFactory(parent=june, title="Land deal", is_exempt=True)
    ActionFactory(agenda_item=exempt, description="Negotiate the secret price.")
    no_minutes = meeting_with_minutes(
        board,
        uk(2026, 9, 1),
        title="September actions",
        minutes_status=MinutesStatus.NONE,
    )
    unminuted = AgendaItemPageFactory(parent=no_minutes, title="Unminuted")
    ActionFactory(agenda_item=unminuted, description="Act before the minutes.")
    return late


def action_cards(response):
    return soup(response).select("#main-content .govuk-summary-card")


def action_titles(response):
    return [text(card.find("h3")) for card in action_cards(response)]


def rows(card):
    return {
        text(row.find("dt")): text(row.find("dd"))
        for row in card.select(".govuk-summary-list__row")
    }


def test_tracker_lists_public_actions_soonest_due_first(client, index, actions):
    response = client.get(tracker_url(index))
    assert response.status_code == 200
    assert action_titles(response) == [
        "Write to the partners.",
        "Report back on the ambition.",
        "Review the charges.",
    ]
    assert "secret" not in response.content.decode()
    assert "before the minutes" not in response.content.decode()


def test_tracker_shows_owner_due_date_status_progress_and_origin(
    client, index, actions, item
):
    today = timezone.localdate()
    cards = action_cards(client.get(tracker_url(index)))
    late = rows(cards[1])
    assert late["Status"] == "In progress Overdue"
    assert late["Owner"] == "Amara Okafor Director of Public Health"
    assert late["Due"] == f"{(today - 3 * DAY).day} {today - 3 * DAY:%B %Y}"
    noted = today - 5 * DAY
    assert late["Latest progress"] == (f"Second draft. Noted {noted.day} {noted:%B %Y}")
    assert late["Agreed at"].startswith(
        "Health and Wellbeing Board, meeting on 11 June 2026"
    )
    link = cards[1].find("a")
    assert link["href"] == f"{item.url}#resolution-1"
    assert text(link) == "Item 5: Empowering our communities, resolution 1"
    # Done actions are never overdue, however late.
    done = rows(cards[0])
    assert done["Status"] == "Done"
    assert done["Latest progress"] == "No progress noted yet"
    tags = cards[1].select(".govuk-tag")
    assert [tag["class"][-1] for tag in tags] == [
        "govuk-tag--yellow",
        "govuk-tag--red",
    ]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("status=done", ["Write to the partners."]),
        ("status=in-progress", ["Report back on the ambition."]),
        ("status=open", ["Review the charges."]),
        ("status=dropped", []),
        ("overdue=on", ["Report back on the ambition."]),
        ("committee=scrutiny", ["Review the charges."]),
        ("committee=scrutiny&overdue=on", []),
        (
            "committee=health-board",
            ["Write to the partners.", "Report back on the ambition."],
        ),
    ],
)
def test_tracker_filters(client, index, actions, query, expected):
    response = client.get(tracker_url(index, query))
    assert response.status_code == 200
    assert soup(response).select(".govuk-error-summary") == []
    assert action_titles(response) == expected
    if not expected:
        assert "No actions match." in text(soup(response).find("main"))


def test_tracker_keeps_the_overdue_box_ticked(client, index, actions):
    box = soup(client.get(tracker_url(index, "overdue=on"))).find(id="id_overdue")
    assert box.has_attr("checked")
    box = soup(client.get(tracker_url(index))).find(id="id_overdue")
    assert not box.has_attr("checked")


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("status=finished", "status"),
        ("status=%ff", "status"),
        ("committee=nope", "committee"),
        ("committee=%00&status=done", "committee"),
    ],
)
def test_tracker_explains_bad_filters_without_failing(
    client, index, actions, query, field
):
    response = client.get(tracker_url(index, query))
    assert response.status_code == 200
    page = soup(response)
    assert page.title.string.startswith("Error: ")
    assert page.select_one(".govuk-error-summary").find("a", href=f"#id_{field}")
    assert page.find(id=f"id_{field}")["aria-invalid"] == "true"


def test_tracker_query_count_does_not_grow_with_the_data(client, index, board):
    today = timezone.localdate()

    def add(count):
        meeting = meeting_with_minutes(board, uk(2026, 2, 2), title=f"Meeting {count}")
        for n in range(count):
            item = AgendaItemPageFactory(parent=meeting)
            resolution = ResolutionFactory(page=item)
            action = ActionFactory(
                agenda_item=item,
                resolution=resolution,
                due_on=today + (n - count // 2) * DAY,
            )
            ActionUpdateFactory(action=action)

    add(3)
    small = count_queries(client, tracker_url(index))
    small_filtered = count_queries(client, tracker_url(index, "overdue=on&page=2"))
    add(45)
    assert count_queries(client, tracker_url(index)) == small
    assert count_queries(client, tracker_url(index, "overdue=on&page=2")) == (
        small_filtered
    )
    assert small <= 14
    assert len(action_cards(client.get(tracker_url(index, "page=2")))) == 20


# The committee page and the section's front page


def test_committee_page_shows_its_latest_decisions(client, board, scrutiny, june, item):
    older = meeting_with_minutes(board, uk(2026, 1, 15))
    older_item = AgendaItemPageFactory(parent=older, title="Older item")
    for n in range(3):
        ResolutionFactory(page=older_item, text=f"Older decision {n}.")
    for n in range(4):
        ResolutionFactory(page=item, text=f"Newer decision {n}.")
    other = meeting_with_minutes(scrutiny, uk(2026, 6, 20))
    ResolutionFactory(page=AgendaItemPageFactory(parent=other), text="Not ours.")

    latest = section(soup(client.get(board.url)), "latest-decisions")
    assert [text(p) for p in latest.select(".engage-card p.govuk-body")] == [
        "Resolution 1: Newer decision 0.",
        "Resolution 2: Newer decision 1.",
        "Resolution 3: Newer decision 2.",
        "Resolution 4: Newer decision 3.",
        "Resolution 1: Older decision 0.",
    ]
    assert latest.find("h3").find("a")["href"] == f"{item.url}#resolution-1"
    see_all = latest.find_all("a")[-1]
    assert text(see_all) == "See all decisions of Health and Wellbeing Board"
    assert (
        see_all["href"] == board.get_parent().url + "decisions/?committee=health-board"
    )


def test_committee_page_without_decisions_says_so(client, board):
    latest = section(soup(client.get(board.url)), "latest-decisions")
    assert "No decisions have been published yet." in text(latest)


def test_committee_page_offers_its_meetings_calendar(client, board):
    page = soup(client.get(board.url))
    calendar_url = board.url + "calendar/"
    head = page.find("link", rel="alternate", type="text/calendar")
    assert head["href"] == calendar_url
    assert page.find("a", href=calendar_url) is not None


def test_committee_index_links_to_the_registers_and_calendar(client, index, board):
    page = soup(client.get(index.url))
    main = page.find("main")
    assert {
        "Decisions register",
        "Action tracker",
        "Subscribe to the meetings calendar",
    } <= set(link_texts(main))
    hrefs = {a["href"] for a in main.find_all("a")}
    assert {
        index.url + "decisions/",
        index.url + "actions/",
        index.url + "calendar/",
    } <= hrefs
    head = page.find("link", rel="alternate", type="text/calendar")
    assert head["href"] == index.url + "calendar/"


def test_committee_page_query_count_does_not_grow_with_decisions(client, board, item):
    ResolutionFactory(page=item)
    small = count_queries(client, board.url)
    Resolution.objects.bulk_create(
        Resolution(page=item, text=f"Decision {n}.", sort_order=n + 1)
        for n in range(40)
    )
    assert count_queries(client, board.url) == small


# Dates as people type them


@pytest.mark.parametrize(
    ("typed", "parts"),
    [
        ("27/3/2026", (27, 3, 2026)),
        ("27/03/2026", (27, 3, 2026)),
        (" 27-3-2026 ", (27, 3, 2026)),
        ("27.3.2026", (27, 3, 2026)),
        ("27 3 2026", (27, 3, 2026)),
        ("27 March 2026", (27, 3, 2026)),
        ("27 mar 2026", (27, 3, 2026)),
        ("3 Sept 2026", (3, 9, 2026)),
        ("2026-03-27", (27, 3, 2026)),
        ("27 Smarch 2026", None),
        ("27/3/26", None),
        ("March 2026", None),
        ("٢٧/٣/٢٠٢٦", None),
    ],
)
def test_dates_are_read_as_people_write_them(typed, parts):
    assert parse_date(typed) == parts


# Valid HTML (QUALITY ACC-02), error states included


@pytest.mark.skipif(not shutil.which("java"), reason="The Nu HTML checker needs Java")
def test_register_pages_are_valid_html(client, index, decisions, actions, tmp_path):
    from tests.test_html_validity import VNU, nu_errors

    if not VNU.exists():
        pytest.skip("The Nu HTML checker needs `npm ci`")
    urls = {
        "register": register_url(index),
        "register-errors": register_url(
            index, "committee=nope&date_from=31/2/2026&date_to=x&q=" + "x" * 101
        ),
        "register-empty": register_url(index, "q=nothing-like-this"),
        "tracker": tracker_url(index),
        "tracker-errors": tracker_url(index, "status=nope&committee=nope"),
        "committee": index.get_children().first().url,
        "index": index.url,
    }
    files = []
    for name, url in urls.items():
        target = tmp_path / f"{name}.html"
        target.write_bytes(client.get(url).content)
        files.append(target)
    assert nu_errors(files) == []


# In a real browser: the registers are demo page types (tests/demo_pages.py),
# so tests/browser/test_accessibility.py checks them with axe at 320px too.


def test_register_filters_and_totals_follow_new_content_on_the_next_request(
    client, index, board, item
):
    """The committee list and the totals are kept per content generation:
    anything published shows on the next request."""
    ResolutionFactory(page=item, text="First decision.")
    before = client.get(register_url(index, "committee=health-board"))
    assert "1 decision found" in text(soup(before).find("main"))
    committees = [o.get_text() for o in soup(before).select("#id_committee option")]
    assert "Licensing Committee" not in committees

    CommitteePageFactory(parent=index, title="Licensing Committee", slug="licensing")
    ResolutionFactory(page=item, text="Second decision.")
    after = client.get(register_url(index, "committee=health-board"))
    assert "2 decisions found" in text(soup(after).find("main"))
    committees = [o.get_text() for o in soup(after).select("#id_committee option")]
    assert "Licensing Committee" in committees
