"""Submissions racing each other and the closing time, against a live server
(threaded) on PostgreSQL: a response is stored once and whole, or refused
with a message; never twice, never in part.

The sequential double submit is in tests/consultations/test_responses.py."""

import datetime
import re
import threading
import time

import pytest
from django.db import connection
from django.utils import timezone
from wagtail.models import Page, Site

from consultations.factories import (
    ConsultationIndexPageFactory,
    ConsultationPageFactory,
)
from consultations.submissions import ConsultationResponse, EqualityAnswers
from home.factories import HomePageFactory
from tests.consultations.conftest import questions
from tests.production.test_stack import restore_wagtail_roots

from .client import Server, fill_in

# A response reference as the confirmation page shows it: HYS-XXXX-XXXX.
REFERENCE = re.compile(r"\bHYS-[A-Z0-9]{4}-[A-Z0-9]{4}\b")

pytestmark = pytest.mark.django_db(transaction=True)

QUESTION_NAMES = {"do_you_agree", "why", "responding_as", "topics", "i_consent"}
CLOSED = "This consultation closed at"
JOIN_SECONDS = 60


@pytest.fixture
def site(live_server, settings):
    if connection.vendor != "postgresql":
        pytest.skip("Races need a real database server: set DATABASE_URL.")
    # Every request comes from 127.0.0.1 and is sent at once.
    settings.CONSULTATION_MIN_FILL_SECONDS = 0
    settings.CONSULTATION_RATE_LIMIT = 1_000
    # The database was emptied after the last transactional test.
    restore_wagtail_roots()
    home = HomePageFactory(parent=Page.get_first_root_node(), slug="races-home")
    Site.objects.update_or_create(
        is_default_site=True, defaults={"hostname": "localhost", "root_page": home}
    )
    return Server(int(live_server.url.rsplit(":", 1)[1]))


def new_consultation(closes_at):
    home = Site.objects.get(is_default_site=True).root_page
    return ConsultationPageFactory(
        parent=ConsultationIndexPageFactory(parent=home),
        title="Parks plan",
        opens_at=timezone.now() - datetime.timedelta(days=1),
        closes_at=closes_at,
        form_fields=questions(),
        ask_equality_questions=True,
    )


def all_at_once(jobs):
    """Runs each job in its own thread, released together; returns results."""
    results = [None] * len(jobs)
    start = threading.Barrier(len(jobs))

    def run(index, job):
        start.wait(timeout=JOIN_SECONDS)
        results[index] = job()

    threads = [threading.Thread(target=run, args=item) for item in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=JOIN_SECONDS)
    assert not any(thread.is_alive() for thread in threads), "a request never ended"
    return results


def assert_whole(response):
    assert set(response.form_data) == QUESTION_NAMES, response.form_data
    assert EqualityAnswers.objects.filter(response=response).exists()


@pytest.mark.parametrize("copies", [2, 4])
def test_the_same_form_sent_at_once_stores_one_response(site, copies):
    consultation = new_consultation(timezone.now() + datetime.timedelta(days=1))
    rounds = 5
    for _ in range(rounds):
        form = fill_in(site, consultation.url)
        replies = all_at_once([lambda form=form: form.post(site)] * copies)
        assert all(reply.confirmed for reply in replies), [r.status for r in replies]
        # Every copy is sent to a confirmation of the same response (the
        # signed links differ when the copies are signed in different seconds).
        references = set()
        for reply in replies:
            confirmation = site.get(reply.location)
            assert confirmation.status == 200
            references |= set(REFERENCE.findall(confirmation.body.decode()))
        assert len(references) == 1, references
    assert ConsultationResponse.objects.count() == rounds
    for response in ConsultationResponse.objects.all():
        assert_whole(response)


def test_responses_racing_the_closing_time_are_stored_whole_or_refused(site, capsys):
    senders, spread = 16, 0.8
    closes_at = timezone.now() + datetime.timedelta(seconds=3)
    consultation = new_consultation(closes_at)
    forms = [fill_in(site, consultation.url) for _ in range(senders)]
    close = closes_at.timestamp()

    def sender(index, form):
        # Spread over `spread` seconds either side of the closing instant.
        time.sleep(max(0, close - spread + 2 * spread * index / senders - time.time()))
        return form.post(site)

    replies = all_at_once([lambda i=i, f=f: sender(i, f) for i, f in enumerate(forms)])
    confirmed = [reply for reply in replies if reply.confirmed]
    refused = [reply for reply in replies if reply.status == 409]
    assert len(confirmed) + len(refused) == senders, [r.status for r in replies]
    for reply in refused:
        assert CLOSED in reply.body.decode()
        assert b"Nothing you sent has been saved" in reply.body
    for reply in confirmed:
        assert site.get(reply.location).status == 200
    stored = ConsultationResponse.objects.all()
    assert stored.count() == len(confirmed)
    assert {str(r.submission_token) for r in stored} == {
        form.token
        for form, reply in zip(forms, replies, strict=True)
        if reply.confirmed
    }
    for response in stored:
        assert_whole(response)
    with capsys.disabled():
        print(f"\nclosing instant: {len(confirmed)} stored, {len(refused)} refused")
