"""The forward plan: 28 clear days' notice of key decisions (or the exception
that applied), who decides and when, and the thread from the consultation
that informs a decision to the agenda item and resolutions that took it."""

import csv
import datetime
import io

import feedparser
import pytest
from django.core.exceptions import ValidationError
from freezegun import freeze_time

from committees.factories import AgendaItemPageFactory, ResolutionFactory
from committees.forward_plan import ForwardPlanEntry, NoticeException
from consultations.factories import ConsultationPageFactory
from tests.committees.conftest import meeting_with_minutes, uk
from tests.html import soup, text
from tests.queries import count_queries

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 6, 18)
DAYS = datetime.timedelta(days=1)


def entry(**fields):
    fields.setdefault("title", "Approve the library strategy")
    fields.setdefault("summary", "Whether to approve the strategy.")
    fields.setdefault("decision_maker", "Cabinet Member for Culture")
    fields.setdefault("first_published_on", TODAY)
    fields.setdefault("expected_on", TODAY + 40 * DAYS)
    return ForwardPlanEntry(**fields)


def saved(**fields):
    planned = entry(**fields)
    planned.full_clean()
    planned.save()
    return planned


def errors_of(planned) -> dict:
    with pytest.raises(ValidationError) as raised:
        planned.full_clean()
    return raised.value.message_dict


def plan_url(index, query=""):
    url = index.url + index.reverse_subpage("forward_plan")
    return f"{url}?{query}" if query else url


def entry_url(index, planned):
    return index.url + index.reverse_subpage("forward_plan_entry", args=(planned.slug,))


# Notice


@freeze_time("2026-06-18 12:00")
@pytest.mark.parametrize(
    ("days_after", "clear_days", "needs_exception"),
    [(29, 28, False), (28, 27, True), (3, 2, True)],
)
def test_a_key_decision_needs_28_clear_days_notice_or_an_exception(
    days_after, clear_days, needs_exception
):
    planned = entry(expected_on=TODAY + days_after * DAYS)
    assert planned.notice_clear_days == clear_days
    if needs_exception:
        message = errors_of(planned)["notice_exception"][0]
        assert f"{clear_days} clear days" in message
        planned.notice_exception = (
            NoticeException.GENERAL_EXCEPTION
            if clear_days >= 5
            else NoticeException.SPECIAL_URGENCY
        )
        planned.exception_reason = "The lease ends this month."
    planned.full_clean()


@freeze_time("2026-06-18 12:00")
def test_under_five_clear_days_only_special_urgency_will_do():
    planned = entry(
        expected_on=TODAY + 5 * DAYS,
        notice_exception=NoticeException.GENERAL_EXCEPTION,
        exception_reason="The lease ends this month.",
    )
    assert "only special urgency" in errors_of(planned)["notice_exception"][0]
    planned.expected_on = TODAY + 6 * DAYS
    planned.full_clean()


@freeze_time("2026-06-18 12:00")
def test_notice_cannot_be_dated_in_the_future():
    planned = entry(first_published_on=TODAY + DAYS)
    assert "first_published_on" in errors_of(planned)


@freeze_time("2026-06-18 12:00")
def test_an_exception_must_say_why_and_only_applies_to_short_notice():
    short = entry(
        expected_on=TODAY + 5 * DAYS,
        notice_exception=NoticeException.SPECIAL_URGENCY,
    )
    assert "exception_reason" in errors_of(short)
    enough = entry(
        notice_exception=NoticeException.GENERAL_EXCEPTION, exception_reason="Because."
    )
    assert "no exception applies" in errors_of(enough)["notice_exception"][0]


@freeze_time("2026-06-18 12:00")
def test_a_decision_that_is_not_key_needs_no_notice():
    entry(key_decision=False, expected_on=TODAY + 2 * DAYS).full_clean()


@freeze_time("2026-06-18 12:00")
def test_someone_must_decide():
    planned = entry(decision_maker=" ")
    assert "decision_maker" in errors_of(planned)


# Outcome


@freeze_time("2026-06-18 12:00")
def test_deciding_at_an_agenda_item_dates_the_decision_from_its_meeting(board, item):
    late = entry(committee=board, decision_maker="", decided_at=item)
    assert "notice comes before a decision" in errors_of(late)["first_published_on"][0]
    planned = saved(
        committee=board,
        decision_maker="",
        decided_at=item,
        first_published_on=TODAY - 60 * DAYS,
    )
    assert planned.decided_on == datetime.date(2026, 6, 11)
    assert planned.state == "decided"
    planned.decided_on = datetime.date(2026, 6, 12)
    assert "11 June 2026" in errors_of(planned)["decided_on"][0]


@freeze_time("2026-06-18 12:00")
def test_the_deciding_item_must_belong_to_the_committee_named(scrutiny, item):
    planned = entry(committee=scrutiny, decided_at=item)
    assert "Overview and Scrutiny" in errors_of(planned)["decided_at"][0]


@freeze_time("2026-06-18 12:00")
def test_a_decision_cannot_be_dated_in_the_future(board):
    future = meeting_with_minutes(board, uk(2026, 7, 1), minutes_status="none")
    item = AgendaItemPageFactory(parent=future, title="Not yet held")
    planned = entry(committee=board, decided_at=item)
    assert "has not happened yet" in errors_of(planned)["decided_at"][0]
    withdrawn = entry(withdrawn_on=TODAY + DAYS, withdrawal_reason="Changed plans.")
    assert "withdrawn_on" in errors_of(withdrawn)


@freeze_time("2026-06-18 12:00")
def test_withdrawing_needs_a_reason_and_excludes_deciding():
    planned = entry(withdrawn_on=TODAY)
    assert "withdrawal_reason" in errors_of(planned)
    both = entry(
        withdrawn_on=TODAY, withdrawal_reason="Changed plans.", decided_on=TODAY
    )
    assert "withdrawn_on" in errors_of(both)


def test_slugs_are_kept_unique_and_stable():
    first = saved(title="Approve the library strategy")
    second = saved(title="Approve the library strategy")
    csv_titled = saved(title="CSV")
    assert (first.slug, second.slug, csv_titled.slug) == (
        "approve-the-library-strategy",
        "approve-the-library-strategy-2",
        "csv-2",
    )
    first.title = "Approve the libraries strategy"
    first.save()
    first.refresh_from_db()
    assert first.slug == "approve-the-library-strategy"


# Public pages


@pytest.fixture
def plan(board, scrutiny, item):
    with freeze_time("2026-06-18 12:00"):
        return {
            "soon": saved(title="Close the old depot", committee=board),
            "later": saved(
                title="Sell the car park",
                expected_on=TODAY + 90 * DAYS,
                key_decision=False,
            ),
            "scrutiny": saved(title="Review of charges", committee=scrutiny),
            "decided": saved(
                title="Empower communities",
                committee=board,
                decision_maker="",
                first_published_on=TODAY - 60 * DAYS,
                expected_on=datetime.date(2026, 6, 11),
                decided_at=item,
            ),
            "withdrawn": saved(
                title="Shut the toilets",
                withdrawn_on=TODAY,
                withdrawal_reason="We are talking to businesses first.",
            ),
        }


def titles(response) -> list[str]:
    return [text(h) for h in soup(response).select(".engage-card__title")]


@freeze_time("2026-06-18 12:00")
def test_the_plan_lists_decisions_still_to_be_taken_soonest_first(client, index, plan):
    response = client.get(plan_url(index))
    assert response.status_code == 200
    assert titles(response) == [
        "Close the old depot",
        "Review of charges",
        "Sell the car park",
    ]
    months = [text(h) for h in soup(response).select("h3.govuk-heading-m")]
    assert months == ["July 2026", "September 2026"]


@freeze_time("2026-06-18 12:00")
@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("state=decided", ["Empower communities"]),
        ("state=withdrawn", ["Shut the toilets"]),
        ("committee=health-board", ["Close the old depot"]),
        ("key_decisions=on", ["Close the old depot", "Review of charges"]),
    ],
)
def test_the_plan_filters(client, index, plan, query, expected):
    assert titles(client.get(plan_url(index, query))) == expected


@freeze_time("2026-06-18 12:00")
def test_a_bad_filter_is_explained_and_the_plan_still_lists(client, index, plan):
    response = client.get(plan_url(index, "state=nonsense&committee=nowhere"))
    assert response.status_code == 200
    summary = text(soup(response).select_one(".govuk-error-summary"))
    assert "Select what to show from the list" in summary
    assert "Select a committee from the list" in summary
    assert len(titles(response)) == 3


@freeze_time("2026-06-18 12:00")
def test_an_entry_page_says_who_decides_when_and_why_it_could_not_wait(
    client, index, board
):
    urgent = saved(
        title="Repair the sea wall",
        committee=board,
        expected_on=TODAY + 5 * DAYS,
        notice_exception=NoticeException.SPECIAL_URGENCY,
        exception_reason="Storm damage must be repaired before winter.",
        private_reason="Paragraph 3 of Schedule 12A",
        documents="Engineer's report\n\nCost estimate",
    )
    page = soup(client.get(entry_url(index, urgent)))
    body = text(page.select_one("main"))
    assert "Special urgency" in body
    assert "Storm damage must be repaired before winter." in body
    assert "In private: Paragraph 3 of Schedule 12A" in body
    assert [text(li) for li in page.select(".govuk-summary-list ul li")] == [
        "Engineer's report",
        "Cost estimate",
    ]
    assert "Not yet decided" in body


@freeze_time("2026-06-18 12:00")
def test_a_decided_entry_shows_the_item_and_its_public_resolutions(
    client, index, board, june, plan
):
    item = plan["decided"].decided_at
    ResolutionFactory(page=item, text="Endorsed the ambition.", key_decision=True)
    page = soup(client.get(entry_url(index, plan["decided"])))
    outcome = text(page.select_one("main"))
    assert "Decided on 11 June 2026" in outcome
    assert page.find("a", string=item.heading)
    assert "Resolution 1: Endorsed the ambition." in outcome

    exempt = AgendaItemPageFactory(parent=june, title="Land deal", is_exempt=True)
    ResolutionFactory(page=exempt, text="Agreed the purchase.")
    secret = saved(
        title="Buy the land",
        committee=board,
        first_published_on=TODAY - 60 * DAYS,
        expected_on=datetime.date(2026, 6, 11),
        decided_at=exempt,
    )
    page = soup(client.get(entry_url(index, secret)))
    assert "Agreed the purchase." not in text(page)
    assert not page.find("a", string=exempt.heading)


@freeze_time("2026-06-18 12:00")
def test_an_entry_links_only_to_pages_the_public_may_open(
    client, home_page, index, board
):
    from wagtail.models import PageViewRestriction

    hidden_meeting = meeting_with_minutes(board, uk(2026, 6, 1))
    item = AgendaItemPageFactory(parent=hidden_meeting, title="Behind a password")
    ResolutionFactory(page=item, text="Agreed in secret.")
    consultation = ConsultationPageFactory(parent=_hub(home_page), title="Private one")
    for page in (hidden_meeting, consultation):
        PageViewRestriction.objects.create(
            page=page, restriction_type=PageViewRestriction.PASSWORD, password="x"
        )
    planned = saved(
        title="Decide behind a password",
        committee=board,
        first_published_on=TODAY - 60 * DAYS,
        expected_on=datetime.date(2026, 6, 1),
        decided_at=item,
        consultation=consultation,
    )
    page = soup(client.get(entry_url(index, planned)))
    body = text(page.select_one("main"))
    assert "Behind a password" not in body
    assert "Private one" not in body
    assert "Agreed in secret." not in body
    assert "Decided on 1 June 2026 ." in body  # no "see" link
    # The committee is named, and linked while the public may open it.
    decision_by = page.find("dt", string="Decision by").find_next_sibling("dd")
    assert decision_by.find("a")["href"] == board.url
    PageViewRestriction.objects.create(
        page=board, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    page = soup(client.get(entry_url(index, planned)))
    decision_by = page.find("dt", string="Decision by").find_next_sibling("dd")
    assert board.title in text(decision_by)
    assert decision_by.find("a") is None


@freeze_time("2026-06-18 12:00")
def test_an_unknown_entry_is_not_found(client, index):
    response = client.get(index.url + "forward-plan/no-such-decision/")
    assert response.status_code == 404


@freeze_time("2026-06-18 12:00")
def test_the_plan_downloads_as_csv_with_its_filters(client, index, plan):
    url = index.url + index.reverse_subpage("forward_plan_csv") + "?state=decided"
    response = client.get(url)
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0][:4] == [
        "Decision to be taken",
        "Summary",
        "Decision maker",
        "Date of decision",
    ]
    assert len(rows) == 2
    assert rows[1][0] == "Empower communities"
    assert rows[1][9:11] == ["Decided", "2026-06-11"]
    assert rows[1][-1].endswith("/forward-plan/empower-communities/")


@freeze_time("2026-06-18 12:00")
def test_a_consultation_links_to_the_decisions_it_informs(
    client, home_page, index, board
):
    consultation = ConsultationPageFactory(parent=_hub(home_page))
    coming = saved(title="Approve the plan", committee=board, consultation=consultation)
    saved(
        title="An idea dropped",
        consultation=consultation,
        withdrawn_on=TODAY,
        withdrawal_reason="Not needed.",
    )
    page = soup(client.get(consultation.url))
    link = page.find("a", string="Approve the plan")
    assert link["href"] == entry_url(index, coming)
    assert not page.find(string="An idea dropped")


def _hub(home_page):
    from consultations.factories import ConsultationIndexPageFactory

    return ConsultationIndexPageFactory(parent=home_page)


def test_the_plan_makes_as_many_queries_for_fifty_entries_as_for_five(
    client, index, board, item
):
    def add(count):
        for number in range(count):
            saved(
                title=f"Decision {number}",
                committee=board if number % 2 else None,
                decision_maker="" if number % 2 else "Leader of the council",
                first_published_on=datetime.date.today(),
                expected_on=datetime.date.today() + (40 + number) * DAYS,
            )

    add(5)
    few = count_queries(client, plan_url(index))
    add(45)
    many = count_queries(client, plan_url(index))
    assert few == many
    assert many <= 15


# The admin


@freeze_time("2026-06-18 12:00")
def test_democratic_services_add_an_entry_and_are_told_what_is_missing(
    client, django_user_model, board
):
    from django.urls import reverse

    from tests.staff import sign_in, staff

    sign_in(client, staff(django_user_model, "dso", "Democratic services"))
    url = reverse("wagtailsnippets_committees_forwardplanentry:add")
    form = {
        "title": "Close the old depot",
        "summary": "Whether to close it.",
        "committee": board.pk,
        "decision_maker": "",
        "expected_on": "2026-06-30",
        "first_published_on": "2026-06-18",
        "key_decision": "on",
        "notice_exception": "",
        "exception_reason": "",
        "private_reason": "",
        "documents": "",
        "withdrawal_reason": "",
    }
    refused = client.post(url, form)
    assert refused.status_code == 200
    assert "11 clear days" in refused.content.decode()
    assert not ForwardPlanEntry.objects.exists()

    form.update(
        notice_exception="general-exception",
        exception_reason="The lease ends this month.",
    )
    assert client.post(url, form).status_code == 302
    created = ForwardPlanEntry.objects.get()
    assert (created.slug, created.committee_id) == ("close-the-old-depot", board.pk)


@freeze_time("2026-06-18 12:00")
def test_the_admin_will_not_date_notice_back(client, django_user_model, board):
    from django.urls import reverse

    from tests.staff import sign_in, staff

    sign_in(client, staff(django_user_model, "dso", "Democratic services"))
    form = {
        "title": "Close the old depot",
        "summary": "Whether to close it.",
        "committee": board.pk,
        "expected_on": "2026-08-30",
        "first_published_on": "2026-06-01",
        "key_decision": "on",
    }
    add = reverse("wagtailsnippets_committees_forwardplanentry:add")
    refused = client.post(add, form)
    assert "A new entry is published today" in refused.content.decode()

    planned = saved(title="Close the old depot", committee=board)
    edit = reverse(
        "wagtailsnippets_committees_forwardplanentry:edit", args=[planned.pk]
    )
    refused = client.post(edit, form)
    assert "It was first published on 18 June 2026" in refused.content.decode()
    form["first_published_on"] = "2026-06-18"
    assert client.post(edit, form).status_code == 302


@freeze_time("2026-06-18 12:00")
def test_the_deciding_item_says_when_notice_of_its_decision_was_given(
    client, index, board, plan
):
    item = plan["decided"].decided_at
    notice = soup(client.get(item.url)).find(
        "section", attrs={"aria-labelledby": "forward-plan"}
    )
    assert "a key decision, in the forward plan from 19 April 2026" in text(notice)
    assert notice.find("a")["href"] == entry_url(index, plan["decided"])


@freeze_time("2026-06-18 12:00")
def test_new_notices_come_in_a_feed(client, index, board, plan):
    saved(
        title="Repair the sea wall",
        committee=board,
        expected_on=TODAY + 5 * DAYS,
        notice_exception=NoticeException.SPECIAL_URGENCY,
        exception_reason="Storm <damage>.",
    )
    response = client.get(index.url + index.reverse_subpage("forward_plan_feed"))
    assert response["Content-Type"].startswith("application/rss+xml")
    feed = feedparser.parse(response.content)
    titles = [item.title for item in feed.entries]
    # Decided and withdrawn entries are not notices of decisions to come.
    assert len(titles) == 4
    assert titles[0].startswith("Repair the sea wall: decision by ")
    # Escaped for the HTML the description holds, then for the XML around it.
    assert "Storm &amp;lt;damage&amp;gt;." in response.content.decode()


@freeze_time("2026-06-18 12:00")
def test_notice_runs_to_the_day_the_decision_was_taken(board, item):
    """Taken earlier than planned, a decision had less notice than the
    entry promised: it needs the exception it then relied on."""
    planned = entry(
        committee=board,
        first_published_on=datetime.date(2026, 5, 20),
        expected_on=datetime.date(2026, 7, 1),
        decided_at=item,
    )
    assert "21 clear days" in errors_of(planned)["notice_exception"][0]


@freeze_time("2026-06-18 12:00")
def test_missing_dates_are_reported_not_crashed_on(board, item):
    planned = entry(
        committee=board, first_published_on=None, expected_on=None, decided_at=item
    )
    errors = errors_of(planned)
    assert {"first_published_on", "expected_on"} <= set(errors)


@freeze_time("2026-06-18 12:00")
def test_an_exception_given_stays_when_the_decision_came_later(board, item):
    """The meeting slipped: full notice was given in the end, but the
    exception relied on and published is still the record."""
    planned = entry(
        committee=board,
        first_published_on=datetime.date(2026, 5, 1),
        expected_on=datetime.date(2026, 5, 20),
        notice_exception=NoticeException.GENERAL_EXCEPTION,
        exception_reason="The grant round closed early.",
    )
    planned.full_clean()
    planned.decided_at = item
    planned.full_clean()
    assert planned.decided_on == datetime.date(2026, 6, 11)


@freeze_time("2026-06-18 12:00")
def test_the_admin_lists_and_searches_the_plan(client, django_user_model, board):
    from django.urls import reverse

    from tests.staff import sign_in, staff

    saved(title="Close the old depot", committee=board)
    saved(title="Sell the car park")
    sign_in(client, staff(django_user_model, "dso", "Democratic services"))
    url = reverse("wagtailsnippets_committees_forwardplanentry:list")
    listing = client.get(url)
    assert listing.status_code == 200
    assert "Close the old depot" in listing.content.decode()
    found = client.get(url, {"q": "depot"}).content.decode()
    assert "Close the old depot" in found
    assert "Sell the car park" not in found
