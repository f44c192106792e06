"""Residents who ask are emailed once their consultation's outcome is
published ("We asked, you said, we did"), by `send_outcome_notices`."""

import io
import logging

import pytest
from django.core import mail
from django.core.management import call_command
from freezegun import freeze_time

from consultations.outcome_notices import MAX_ATTEMPTS
from consultations.submissions import ConsultationResponse
from tests.consultations.conftest import DAY, NOW, answers
from tests.html import soup, text

pytestmark = pytest.mark.django_db


def respond(client, page, **overrides):
    return client.post(page.url, answers(**overrides))


def run() -> str:
    out = io.StringIO()
    call_command("send_outcome_notices", stdout=out, stderr=out)
    return out.getvalue()


def publish_outcome(page, at):
    page.we_asked = "<p>Should the park open later?</p>"
    page.you_said = "<p>Most said <b>yes</b>.</p>"
    page.we_did = "<p>It opens until 9pm from May &amp; June.</p>"
    page.outcome_published_at = at
    page.save_revision().publish()


def test_the_form_offers_it_unticked_and_optional(client, consultation):
    document = soup(client.get(consultation.url))
    box = document.find(id="id_engage_notify_outcome")
    assert box["type"] == "checkbox"
    assert not box.has_attr("checked")
    assert not box.has_attr("required")
    label = document.find("label", attrs={"for": "id_engage_notify_outcome"})
    assert text(label).startswith("Email me about what happens next")


def test_asking_without_an_address_is_explained_and_nothing_is_lost(
    client, consultation
):
    response = respond(client, consultation, engage_notify_outcome="on")
    assert response.status_code == 200
    assert not ConsultationResponse.objects.exists()
    document = soup(response)
    summary = text(document.select_one(".govuk-error-summary"))
    assert "Enter your email address, so that we can tell you what happens" in summary
    assert document.find(id="id_why").text.strip() == "Because the parks need it."
    assert document.find(id="id_engage_notify_outcome").has_attr("checked")


def test_those_who_asked_are_told_once_when_the_outcome_is_out(
    client, consultation, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        respond(
            client,
            consultation,
            engage_receipt_email="asked@example.com",
            engage_notify_outcome="on",
        )
        respond(client, consultation, engage_receipt_email="receipt-only@example.com")
        respond(client, consultation)
    asked = ConsultationResponse.objects.get(receipt_email="asked@example.com")
    assert asked.outcome_notice_wanted and asked.progress_notices_wanted
    receipts = {message.to[0]: message.body for message in mail.outbox}
    assert (
        "We will email you when councillors are due to discuss it, when they "
        "decide, and when we publish the outcome." in receipts["asked@example.com"]
    )
    assert "email you when" not in receipts["receipt-only@example.com"]
    mail.outbox.clear()

    with freeze_time(consultation.closes_at + DAY):
        publish_outcome(consultation, at=consultation.closes_at + 2 * DAY)
        assert "Sent 0 outcome notices" in run()  # scheduled, not out yet
    with freeze_time(consultation.closes_at + 3 * DAY):
        assert "Sent 1 outcome notices" in run()
        assert "Sent 0 outcome notices" in run()
    [notice] = mail.outbox
    assert notice.to == ["asked@example.com"]
    assert notice.subject == "What we decided: Parks plan"
    assert "We did: It opens until 9pm from May & June." in notice.body
    assert "You said: Most said yes." in notice.body
    assert consultation.full_url in notice.body
    assert asked.reference in notice.body


def test_a_failing_mail_server_is_tried_again_on_the_next_run(
    client, consultation, caplog, settings
):
    respond(
        client,
        consultation,
        engage_receipt_email="asked@example.com",
        engage_notify_outcome="on",
    )
    mail.outbox.clear()
    with freeze_time(consultation.closes_at + DAY):
        publish_outcome(consultation, at=consultation.closes_at + DAY)
        working = settings.EMAIL_BACKEND
        settings.EMAIL_BACKEND = "tests.consultations.test_responses.BrokenMailServer"
        with caplog.at_level(logging.ERROR):
            assert "1 could not be sent" in run()
        settings.EMAIL_BACKEND = working
        assert "asked@example.com" not in caplog.text
        assert ConsultationResponse.objects.get().outcome_notified_at is None
        assert "Sent 1 outcome notices" in run()
    assert len(mail.outbox) == 1


class MailServerAway:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError("no mail server")


def ask_five(client, consultation):
    for n in range(5):
        respond(
            client,
            consultation,
            engage_receipt_email=f"asked{n}@example.com",
            engage_notify_outcome="on",
        )
    mail.outbox.clear()


def test_while_the_mail_server_is_away_runs_stop_and_nothing_is_given_up(
    client, consultation, settings
):
    ask_five(client, consultation)
    working = settings.EMAIL_BACKEND
    settings.EMAIL_BACKEND = f"{__name__}.MailServerAway"
    with freeze_time(consultation.closes_at + DAY):
        publish_outcome(consultation, at=consultation.closes_at + DAY)
        for _ in range(20):
            # Three failures in a row: the server is away, the run stops.
            assert "3 could not be sent" in run()
        settings.EMAIL_BACKEND = working
        assert "Sent 5 outcome notices" in run()
    assert len(mail.outbox) == 5


def test_an_address_the_server_refuses_is_given_up_after_five_tries(
    client, consultation, settings, caplog
):
    ask_five(client, consultation)
    settings.EMAIL_BACKEND = "tests.consultations.test_responses.BrokenMailServer"
    with freeze_time(consultation.closes_at + DAY):
        publish_outcome(consultation, at=consultation.closes_at + DAY)
        with caplog.at_level(logging.WARNING):
            for _ in range(10):
                run()
        attempts = ConsultationResponse.objects.values_list(
            "outcome_notice_attempts", flat=True
        )
        assert set(attempts) == {MAX_ATTEMPTS}
        assert "Sent 0 outcome notices" in run()
    assert caplog.text.count("Gave up the outcome notice") == 5
    assert "@example.com" not in caplog.text


def test_no_notice_after_the_retention_period(client, consultation):
    respond(
        client,
        consultation,
        engage_receipt_email="asked@example.com",
        engage_notify_outcome="on",
    )
    mail.outbox.clear()
    consultation.retention_months = 1
    consultation.save_revision().publish()
    late = consultation.closes_at + 40 * DAY
    with freeze_time(late):
        publish_outcome(consultation, at=late)
        # Past retention, before the day's purge has removed the address.
        assert "Sent 0 outcome notices" in run()
    assert not mail.outbox


def test_no_notice_once_the_address_is_purged(client, consultation):
    respond(
        client,
        consultation,
        engage_receipt_email="asked@example.com",
        engage_notify_outcome="on",
    )
    ConsultationResponse.objects.update(receipt_email="")
    mail.outbox.clear()
    with freeze_time(NOW + 40 * DAY):
        publish_outcome(consultation, at=NOW + 40 * DAY)
        assert "Sent 0 outcome notices" in run()
    assert not mail.outbox
