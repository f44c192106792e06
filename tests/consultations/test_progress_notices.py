"""Residents who asked what happens next are emailed when an agenda item
considering their consultation is published for a meeting to come, and when
its decisions are out (ANCHORS differentiator 2), once each, by
`send_outcome_notices`."""

import io
import json
import logging

import pytest
from django.core import mail
from django.core.management import call_command
from freezegun import freeze_time

from committees.enums import MinutesStatus
from committees.factories import (
    AgendaItemPageFactory,
    CommitteeIndexPageFactory,
    CommitteePageFactory,
    MeetingPageFactory,
    ResolutionFactory,
)
from committees.models import AgendaItemConsultation
from consultations.outcome_notices import MAX_ATTEMPTS
from consultations.progress_notices import queue_progress_notices, send_progress_notices
from consultations.submissions import ConsultationResponse, ProgressNotice
from tests.consultations.conftest import DAY, answers

pytestmark = pytest.mark.django_db


def run() -> str:
    out = io.StringIO()
    call_command("send_outcome_notices", stdout=out, stderr=out)
    return out.getvalue()


@pytest.fixture
def asked(client, consultation):
    client.post(
        consultation.url,
        answers(engage_receipt_email="asked@example.com", engage_notify_outcome="on"),
    )
    client.post(consultation.url, answers(engage_receipt_email="receipt@example.com"))
    # Before progress notices, residents agreed to hear of the outcome only.
    client.post(
        consultation.url,
        answers(engage_receipt_email="earlier@example.com", engage_notify_outcome="on"),
    )
    ConsultationResponse.objects.filter(receipt_email="earlier@example.com").update(
        progress_notices_wanted=False
    )
    mail.outbox.clear()
    return ConsultationResponse.objects.get(receipt_email="asked@example.com")


@pytest.fixture
def board(home_page):
    index = CommitteeIndexPageFactory(parent=home_page)
    return CommitteePageFactory(parent=index, title="Cabinet")


def considered_at(meeting, consultation, **fields):
    item = AgendaItemPageFactory(
        parent=meeting,
        item_number="7",
        title="Parks plan: the results",
        consultations=[AgendaItemConsultation(consultation=consultation)],
        **fields,
    )
    return item


def test_residents_hear_when_it_goes_to_committee_and_what_was_decided(
    asked, consultation, board
):
    meeting_at = consultation.closes_at + 20 * DAY
    meeting = MeetingPageFactory(parent=board, starts_at=meeting_at)
    with freeze_time(consultation.closes_at + DAY):
        assert "0 progress notices" in run()  # not on an agenda yet
        item = considered_at(meeting, consultation)
        assert "Sent 0 outcome notices and 1 progress notices" in run()
        assert "and 0 progress notices" in run()  # once
    [agenda] = mail.outbox
    assert agenda.to == ["asked@example.com"]
    assert agenda.subject == "Councillors are due to discuss Parks plan"
    assert "meeting of the Cabinet" in agenda.body
    assert "item 7 on the agenda: Parks plan: the results" in agenda.body
    assert item.get_full_url() in agenda.body
    assert asked.reference in agenda.body
    mail.outbox.clear()

    ResolutionFactory(page=item, text="Agreed the parks plan, with later opening.")
    with freeze_time(meeting_at + DAY):
        assert "and 0 progress notices" in run()  # minutes not out
        meeting.minutes_status = MinutesStatus.DRAFT
        meeting.save_revision().publish()
        assert "and 1 progress notices" in run()
        assert "and 0 progress notices" in run()
    [decided] = mail.outbox
    assert decided.subject == "What councillors decided: Parks plan"
    assert "1. Agreed the parks plan, with later opening." in decided.body
    assert "a draft until the committee approves them" in decided.body


def test_nothing_is_sent_for_a_meeting_already_started_or_a_part_two_item(
    asked, consultation, board
):
    started = MeetingPageFactory(parent=board, starts_at=consultation.closes_at + DAY)
    later = MeetingPageFactory(
        parent=board, starts_at=consultation.closes_at + 30 * DAY
    )
    considered_at(later, consultation, is_exempt=True)
    item = considered_at(started, consultation)
    with freeze_time(consultation.closes_at + 5 * DAY):
        assert "and 0 progress notices" in run()
    # Queued while the meeting was to come, sent after it started: dropped.
    with freeze_time(consultation.closes_at - DAY):
        assert queue_progress_notices() == 1
    with freeze_time(consultation.closes_at + 5 * DAY):
        assert send_progress_notices() == (0, 0)
    assert not ProgressNotice.objects.filter(event=f"agenda:{item.pk}").exists()
    assert mail.outbox == []


def test_a_refused_address_is_tried_only_so_many_times(
    asked, consultation, board, settings, caplog
):
    meeting_at = consultation.closes_at + 20 * DAY
    meeting = MeetingPageFactory(parent=board, starts_at=meeting_at)
    considered_at(meeting, consultation)
    settings.EMAIL_BACKEND = "tests.consultations.test_responses.BrokenMailServer"
    with freeze_time(consultation.closes_at + DAY), caplog.at_level(logging.WARNING):
        for _ in range(MAX_ATTEMPTS + 2):
            run()
    notice = ProgressNotice.objects.get()
    assert (notice.sent_at, notice.attempts) == (None, MAX_ATTEMPTS)
    assert "Gave up the progress notice" in caplog.text
    assert "asked@example.com" not in caplog.text


def test_nothing_is_queued_once_the_retention_period_has_ended(
    asked, consultation, board
):
    consultation.retention_months = 1
    consultation.save_revision().publish()
    meeting_at = consultation.closes_at + 60 * DAY
    meeting = MeetingPageFactory(parent=board, starts_at=meeting_at)
    considered_at(meeting, consultation)
    with freeze_time(consultation.closes_at + 40 * DAY):
        assert queue_progress_notices() == 0
    assert mail.outbox == []


def test_subject_access_shows_the_notices_sent(asked, consultation, board):
    meeting_at = consultation.closes_at + 20 * DAY
    meeting = MeetingPageFactory(parent=board, starts_at=meeting_at)
    considered_at(meeting, consultation)
    with freeze_time(consultation.closes_at + DAY):
        run()
    out = io.StringIO()
    call_command("export_respondent_data", "asked@example.com", stdout=out)
    exported = json.loads(out.getvalue())
    [record] = [row for row in exported if row["reference"] == asked.reference]
    [notice] = record["progress_notices"]["notices"]
    assert record["progress_notices"]["wanted"] is True
    assert (
        notice["about"]
        == 'Agenda item "Item 7: Parks plan: the results" to be discussed'
    )
    assert notice["sent"] is not None


def test_sending_notices_leaves_the_page_cache_alone(asked, consultation, board):
    from core import content_generation

    meeting = MeetingPageFactory(parent=board, starts_at=consultation.closes_at + DAY)
    considered_at(meeting, consultation)
    before = content_generation.current()
    with freeze_time(consultation.closes_at - DAY):
        assert "and 1 progress notices" in run()
    assert content_generation.current() == before


def test_a_notice_whose_link_is_withdrawn_before_its_turn_is_dropped(
    asked, consultation, board, hub
):
    from consultations.factories import ConsultationPageFactory

    other = ConsultationPageFactory(parent=hub, title="Play areas")
    meeting = MeetingPageFactory(
        parent=board, starts_at=consultation.closes_at + 9 * DAY
    )
    item = considered_at(meeting, consultation)
    item.consultations.add(AgendaItemConsultation(consultation=other))
    item.save_revision().publish()
    with freeze_time(consultation.closes_at + DAY):
        assert queue_progress_notices() == 1
        item.consultations = [AgendaItemConsultation(consultation=other)]
        item.save_revision().publish()
        assert send_progress_notices() == (0, 0)
    assert not ProgressNotice.objects.exists()
    assert mail.outbox == []


def test_no_decided_notice_for_a_decision_taken_before_the_response(
    client, consultation, board
):
    # Cabinet decided to consult, and linked the consultation.
    earlier = MeetingPageFactory(
        parent=board,
        starts_at=consultation.opens_at - 10 * DAY,
        minutes_status=MinutesStatus.DRAFT,
    )
    item = considered_at(earlier, consultation)
    ResolutionFactory(page=item, text="Agreed to consult on a parks plan.")
    client.post(
        consultation.url,
        answers(engage_receipt_email="asked@example.com", engage_notify_outcome="on"),
    )
    mail.outbox.clear()
    assert queue_progress_notices() == 0
    assert "and 0 progress notices" in run()


def test_a_meeting_moved_to_another_time_is_told_again(asked, consultation, board):
    first = consultation.closes_at + 20 * DAY
    meeting = MeetingPageFactory(parent=board, starts_at=first)
    considered_at(meeting, consultation)
    with freeze_time(consultation.closes_at + DAY):
        assert "and 1 progress notices" in run()
        meeting.starts_at = first + 7 * DAY
        meeting.ends_at = meeting.starts_at + DAY / 8
        meeting.save_revision().publish()
        assert "and 1 progress notices" in run()
    assert len(mail.outbox) == 2
    assert mail.outbox[0].body != mail.outbox[1].body


def test_the_link_in_every_notice_stops_them(client, asked, consultation, board):
    from urllib.parse import urlsplit

    meeting = MeetingPageFactory(
        parent=board, starts_at=consultation.closes_at + 9 * DAY
    )
    considered_at(meeting, consultation)
    with freeze_time(consultation.closes_at + DAY):
        run()
    [agenda] = mail.outbox
    stop_url = agenda.body.split("To stop these emails: ")[1].split()[0]
    path = urlsplit(stop_url).path

    # Opening the link (as a mail scanner may) changes nothing.
    page = client.get(path)
    assert page.status_code == 200
    assert "no-store" in page["Cache-Control"]
    assert b"Stop emails about Parks plan" in page.content
    asked.refresh_from_db()
    assert asked.progress_notices_wanted

    ProgressNotice.objects.create(response=asked, event="decided:999999")
    assert b"Emails stopped" in client.post(path).content
    asked.refresh_from_db()
    assert not (asked.progress_notices_wanted or asked.outcome_notice_wanted)
    assert not ProgressNotice.objects.filter(sent_at__isnull=True).exists()

    forged = path.rsplit("/", 2)[0] + "/forged/"
    assert client.get(forged).status_code == 404
    someone_else = path.replace(asked.reference, "HYS-AAAA-AAAA")
    assert client.get(someone_else).status_code == 404


def test_the_purge_removes_the_notices(asked, consultation, board):
    from consultations.privacy import purge_personal_data

    meeting = MeetingPageFactory(
        parent=board, starts_at=consultation.closes_at + 9 * DAY
    )
    considered_at(meeting, consultation)
    with freeze_time(consultation.closes_at + DAY):
        run()
    assert ProgressNotice.objects.exists()
    purge_personal_data(consultation, consultation.closes_at + 800 * DAY)
    assert not ProgressNotice.objects.exists()
