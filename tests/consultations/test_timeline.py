"""What happened next: a closed consultation's page follows the thread of
linked records (the decision notice, the meeting items that considered it,
their resolutions and actions, and stories of the outcome) as one timeline,
showing only what the public may see."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from freezegun import freeze_time

from committees.enums import ActionStatus, MinutesStatus
from committees.factories import (
    ActionFactory,
    AgendaItemPageFactory,
    CommitteePageFactory,
    ResolutionFactory,
)
from committees.forward_plan import ForwardPlanEntry
from committees.models import AgendaItemConsultation
from consultations.factories import (
    ConsultationIndexPageFactory,
    ConsultationPageFactory,
)
from consultations.timeline import build_thread, consultation_thread
from stories.factories import StoryIndexPageFactory, StoryPageFactory
from stories.models import StoryRelatedPage
from tests.committees.conftest import meeting_with_minutes, uk
from tests.html import soup, text

pytestmark = pytest.mark.django_db

NOW = "2026-06-18 12:00"


def considered_at(meeting, consultation, **fields):
    return AgendaItemPageFactory(
        parent=meeting,
        consultations=[AgendaItemConsultation(consultation=consultation)],
        **fields,
    )


@pytest.fixture
def board(index):
    return CommitteePageFactory(parent=index, title="Health and Wellbeing Board")


@pytest.fixture
def closed(home_page):
    hub = ConsultationIndexPageFactory(parent=home_page)
    return ConsultationPageFactory(
        parent=hub,
        title="Parking charges",
        opens_at=uk(2026, 3, 2, 9),
        closes_at=uk(2026, 4, 27, 9),
    )


def steps(response) -> list[str]:
    timeline = soup(response).find(
        "section", attrs={"aria-labelledby": "timeline-heading"}
    )
    if timeline is None:
        return []
    return [
        text(li.find("p")) + " | " + text(li.find("h3"))
        for li in timeline.select("li.engage-timeline__step")
    ]


@freeze_time(NOW)
def test_the_thread_from_consultation_to_story(client, home_page, board, closed):
    ForwardPlanEntry.objects.create(
        title="Set parking charges",
        summary="Whether to change them.",
        committee=board,
        first_published_on=datetime.date(2026, 5, 1),
        expected_on=datetime.date(2026, 6, 11),
        consultation=closed,
    )
    june = meeting_with_minutes(board, uk(2026, 6, 11))
    item = considered_at(june, closed, item_number="4", title="Parking charges")
    ResolutionFactory(page=item, text="Agreed the new charges.")
    action = ActionFactory(
        agenda_item=item,
        description="Change the signs in every car park.",
        status=ActionStatus.IN_PROGRESS,
        due_on=datetime.date(2026, 9, 1),
    )
    # None of these may show: a part-two item, a meeting without minutes out,
    # and an unpublished story.
    considered_at(june, closed, title="Secret land deal", is_exempt=True)
    no_minutes = meeting_with_minutes(
        board, uk(2026, 6, 1), minutes_status=MinutesStatus.NONE
    )
    considered_at(no_minutes, closed, title="Not yet minuted")
    stories = StoryIndexPageFactory(parent=home_page)
    StoryPageFactory(
        parent=stories,
        title="Fewer cars in the high street",
        published_on=datetime.date(2026, 6, 15),
        related_pages=[StoryRelatedPage(page=closed)],
    )
    StoryPageFactory(
        parent=stories,
        title="Draft story",
        live=False,
        related_pages=[StoryRelatedPage(page=closed)],
    )
    # A story of the same meeting may be about another of its items.
    StoryPageFactory(
        parent=stories,
        title="Library hours",
        related_pages=[StoryRelatedPage(page=june)],
    )

    response = client.get(closed.url)
    assert steps(response) == [
        "2 March 2026 | Consultation opened",
        "27 April 2026 | Consultation closed",
        "1 May 2026 | Notice of a decision: Set parking charges",
        "11 June 2026 | Considered at " + june.title,
        "15 June 2026 | Story: Fewer cars in the high street",
    ]
    timeline = soup(response).find(
        "section", attrs={"aria-labelledby": "timeline-heading"}
    )
    considered = timeline.select("li.engage-timeline__step")[3]
    assert considered.find("a")["href"] == item.url
    assert "Resolution 1: Agreed the new charges." in text(considered)
    assert (
        f"Change the signs in every car park. ({action.owner.display_name}, due "
        "1 September 2026 ): In progress"
    ) in text(considered)
    assert "Secret land deal" not in text(timeline)
    assert "Not yet minuted" not in text(timeline)
    assert "Library hours" not in text(timeline)


@freeze_time(NOW)
def test_a_decision_still_to_come_is_the_last_step(client, board, closed):
    ForwardPlanEntry.objects.create(
        title="Set parking charges",
        summary="Whether to change them.",
        decision_maker="Cabinet Member for Environment",
        first_published_on=datetime.date(2026, 5, 1),
        expected_on=datetime.date(2026, 7, 20),
        consultation=closed,
    )
    assert steps(client.get(closed.url))[-1] == (
        "20 July 2026 (expected) | Decision expected: Set parking charges"
    )


@freeze_time(NOW)
def test_an_open_consultation_has_no_timeline_yet(client, home_page):
    hub = ConsultationIndexPageFactory(parent=home_page)
    open_now = ConsultationPageFactory(parent=hub, opens_at=timezone.now())
    assert steps(client.get(open_now.url)) == []


@freeze_time(NOW)
def test_building_the_timeline_makes_as_many_queries_for_many_items_as_for_one(
    board, closed
):
    def add_meeting(day):
        meeting = meeting_with_minutes(board, uk(2026, 6, day))
        item = considered_at(meeting, closed)
        ResolutionFactory(page=item)
        ActionFactory(agenda_item=item)

    def queries_to_build():
        # Built once first, as content changes refill per-process memos
        # (whether any page is restricted).
        build_thread(closed, closed.status, None, timezone.localdate())
        with CaptureQueriesContext(connection) as captured:
            thread = build_thread(closed, closed.status, None, timezone.localdate())
        queries[:] = [q["sql"][:90] for q in captured]
        return len(captured), thread

    queries = []

    add_meeting(1)
    one, thread = queries_to_build()
    assert len([step for step in thread.timeline if step.kind == "considered"]) == 1
    for day in range(2, 8):
        add_meeting(day)
    many, thread = queries_to_build()
    assert len([step for step in thread.timeline if step.kind == "considered"]) == 7
    assert one == many, queries
    assert many <= 5


@freeze_time(NOW)
def test_a_worker_keeps_the_thread_until_content_changes(client, board, closed):
    june = meeting_with_minutes(board, uk(2026, 6, 11))
    item = considered_at(june, closed, title="Parking charges")
    ResolutionFactory(page=item, text="Agreed the new charges.")
    client.get(closed.url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(closed.url)
    assert "Agreed the new charges." in response.content.decode()
    thread_tables = ("committees_resolution", "committees_forwardplanentry")
    assert not [q for q in queries if any(t in q["sql"] for t in thread_tables)]
    # Any change to content shows on the next request.
    ResolutionFactory(page=item, text="Reviewed in a year.")
    assert "Reviewed in a year." in client.get(closed.url).content.decode()


@freeze_time(NOW)
def test_rebuilding_a_kept_thread_uses_the_page_in_hand(rf, board, closed):
    item = considered_at(meeting_with_minutes(board, uk(2026, 6, 11)), closed)
    request = rf.get(closed.url)
    consultation_thread(closed, closed.status, request)
    ResolutionFactory(page=item, text="Agreed the new charges.")  # a new generation
    with CaptureQueriesContext(connection) as queries:
        thread = consultation_thread(closed, closed.status, request)
    assert thread.timeline[-1].resolutions[0].text == "Agreed the new charges."
    refetched = ('FROM "consultations_consultationpage"', 'FROM "wagtailcore_site"')
    assert not [q for q in queries if any(t in q["sql"] for t in refetched)]


@freeze_time(NOW)
def test_a_preview_shows_the_thread_of_the_page_in_hand(rf, board, closed):
    considered_at(meeting_with_minutes(board, uk(2026, 6, 11)), closed)
    request = rf.get(closed.url)
    live = consultation_thread(closed, closed.status, request)
    assert live.timeline[1].day == datetime.date(2026, 4, 27)
    closed.closes_at = uk(2026, 4, 30, 9)  # a draft not yet published
    request.is_preview = True
    draft = consultation_thread(closed, closed.status, request)
    assert draft.timeline[1].kind == "closed"
    assert draft.timeline[1].day == datetime.date(2026, 4, 30)


@freeze_time(NOW)
def test_a_decision_taken_elsewhere_is_a_step_of_its_own(client, board, closed):
    june = meeting_with_minutes(board, uk(2026, 6, 11))
    item = considered_at(june, closed, title="Parking charges")
    for title, decided_at in [("At the item", item), ("By a cabinet member", None)]:
        entry = ForwardPlanEntry(
            title=title,
            summary="Whether to change them.",
            committee=board if decided_at else None,
            decision_maker="" if decided_at else "Cabinet Member for Environment",
            first_published_on=datetime.date(2026, 5, 1),
            expected_on=datetime.date(2026, 6, 11),
            decided_at=decided_at,
            decided_on=None if decided_at else datetime.date(2026, 6, 12),
            consultation=closed,
        )
        entry.full_clean()
        entry.save()
    shown = steps(client.get(closed.url))
    assert "12 June 2026 | Decision taken: By a cabinet member" in shown
    assert not any("Decision taken: At the item" in step for step in shown)
    assert "11 June 2026 | Considered at " + june.title in shown


@freeze_time(NOW)
def test_nothing_after_closing_means_no_timeline(client, home_page, closed):
    assert steps(client.get(closed.url)) == []


@freeze_time(NOW)
def test_an_outcome_published_later_today_is_not_a_step_yet(client, closed):
    closed.outcome_published_at = timezone.now() + datetime.timedelta(hours=2)
    closed.we_did = "<p>We kept the charges.</p>"
    closed.save_revision().publish()
    assert steps(client.get(closed.url)) == []
