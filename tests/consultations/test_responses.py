"""A resident's response: stored once when valid and open, refused with a
clear message (and nothing lost on screen) otherwise."""

import datetime
import smtplib
from types import SimpleNamespace

import pytest
from django.core import mail
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from freezegun import freeze_time

from consultations import intake
from consultations.models import ConsultationPage
from consultations.submissions import ConsultationResponse
from tests.consultations.conftest import DAY, NOW, answers
from tests.html import soup, text

pytestmark = pytest.mark.django_db


def respond(client, consultation, headers=None, **overrides):
    """Post the answers, with `overrides`; `headers` are the request's (META)."""
    return client.post(consultation.url, answers(**overrides), **(headers or {}))


def test_a_valid_response_is_stored_with_a_reference(client, consultation):
    response = respond(client, consultation)
    assert response.status_code == 302
    stored = ConsultationResponse.objects.get()
    assert stored.page_id == consultation.pk
    assert stored.channel == "online"
    assert stored.form_data == {
        "do_you_agree": "Yes",
        "why": "Because the parks need it.",
        "responding_as": "A resident",
        "topics": ["Parks"],
        "i_consent": True,
    }
    confirmation = client.get(response["Location"])
    assert confirmation.status_code == 200
    panel = soup(confirmation).select_one(".govuk-panel")
    assert stored.reference in text(panel)


def test_no_ip_address_is_stored(client, consultation):
    respond(client, consultation, headers={"REMOTE_ADDR": "203.0.113.9"})
    row = ConsultationResponse.objects.values().get()
    assert "203.0.113.9" not in str(row)
    assert not any("ip" in name.split("_") for name in row)


def test_missing_answers_show_gov_uk_errors_and_keep_what_was_typed(
    client, consultation
):
    response = respond(client, consultation, do_you_agree=None, i_consent=None)
    assert response.status_code == 200
    assert not ConsultationResponse.objects.exists()
    document = soup(response)
    assert text(document.title).startswith("Error: ")
    summary = document.select_one(".govuk-error-summary")
    links = {a["href"]: text(a) for a in summary.select("a")}
    assert links == {
        "#id_do_you_agree_0": "Select an answer for “Do you agree”",
        "#id_i_consent": "Tick the box to confirm: “I consent”",
    }
    for target in links:
        assert document.select_one(target), f"{target} points nowhere"
    fieldset = document.find("input", id="id_do_you_agree_0").find_parent("fieldset")
    described = fieldset["aria-describedby"].split()
    assert "id_do_you_agree_error" in described
    assert all(document.find(id=ref) for ref in described)
    options = fieldset.find_all("input", attrs={"type": "radio"})
    assert options and all(o["aria-invalid"] == "true" for o in options)
    assert document.find(id="id_i_consent")["aria-invalid"] == "true"
    assert not document.find(id="id_why").has_attr("aria-invalid")
    assert (
        document.find("textarea", id="id_why").text.strip()
        == "Because the parks need it."
    )


def test_a_long_answer_over_the_limit_is_refused(client, consultation):
    response = respond(client, consultation, why="x" * 10_001)
    assert response.status_code == 200
    assert not ConsultationResponse.objects.exists()
    textarea = soup(response).find("textarea", id="id_why")
    assert textarea["aria-invalid"] == "true"
    assert "govuk-textarea--error" in textarea["class"]


@pytest.mark.parametrize(
    "answer",
    ["a\x00b", "a\x07b", "x" * 10_001],
    ids=["NUL character", "other control character", "over the limit"],
)
def test_a_question_with_a_percent_sign_names_itself_in_its_errors(
    client, consultation, answer
):
    # Django fills some messages' placeholders with %: a label's own % sign
    # must come through as typed, not break the page.
    fields = list(consultation.form_fields.all())
    next(
        field for field in fields if field.clean_name == "why"
    ).label = "Why 5% more (or %s)?"
    consultation.form_fields = fields
    consultation.save_revision().publish()
    response = respond(client, consultation, why=answer)
    assert response.status_code == 200
    assert not ConsultationResponse.objects.exists()
    error = text(soup(response).find(id="id_why_error"))
    assert "“Why 5% more (or %s)?” must" in error


def test_answers_sent_in_the_last_instant_are_shown_back_with_their_form(
    client, consultation, monkeypatch
):
    # Checked as open when it arrived, shown back a moment later, after the
    # closing time: the form and its errors must still be there.
    arrived = consultation.closes_at - datetime.timedelta(milliseconds=1)
    monkeypatch.setattr(intake, "timezone", SimpleNamespace(now=lambda: arrived))
    with freeze_time(consultation.closes_at + datetime.timedelta(seconds=1)):
        response = respond(client, consultation, do_you_agree=None)
    assert response.status_code == 200
    document = soup(response)
    link = document.select_one(".govuk-error-summary a")
    assert document.find(id=link["href"].lstrip("#"))
    assert not ConsultationResponse.objects.exists()


@pytest.mark.parametrize("moment", [NOW - 2 * DAY, NOW + 31 * DAY])
def test_outside_the_open_period_nothing_is_stored(client, consultation, moment):
    data = answers()
    with freeze_time(moment):
        response = client.post(consultation.url, data)
    assert response.status_code == 409
    assert not ConsultationResponse.objects.exists()
    banner = text(soup(response).select_one(".govuk-notification-banner"))
    assert "Nothing you sent has been saved" in banner


def confirmed(client, sent) -> str:
    """The reference the confirmation page gives. Not the link itself: its
    signature carries the second it was signed in."""
    confirmation = client.get(sent["Location"])
    assert confirmation.status_code == 200
    return text(soup(confirmation).select_one(".govuk-panel"))


def test_the_same_form_sent_twice_stores_one_response(client, consultation):
    data = answers()
    first = client.post(consultation.url, data)
    second = client.post(consultation.url, data)
    assert ConsultationResponse.objects.count() == 1
    assert confirmed(client, first) == confirmed(client, second)


def test_a_form_sent_again_gets_one_receipt(
    client, consultation, django_capture_on_commit_callbacks
):
    data = answers(engage_receipt_email="resident@example.com")
    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(consultation.url, data)
        second = client.post(consultation.url, data)
    assert confirmed(client, first) == confirmed(client, second)
    assert ConsultationResponse.objects.count() == 1
    assert len(mail.outbox) == 1


def test_a_response_is_stored_with_one_insert_and_nothing_looked_up(
    client, consultation
):
    client.post(consultation.url, answers())
    with CaptureQueriesContext(connection) as queries:
        assert respond(client, consultation).status_code == 302
    table = ConsultationResponse._meta.db_table
    touching = [q["sql"] for q in queries if table in q["sql"]]
    assert len(touching) == 1, touching
    assert touching[0].startswith("INSERT")


def test_a_filled_honeypot_is_dropped_silently(client, consultation):
    response = respond(client, consultation, engage_homepage="http://spam.example")
    assert response.status_code == 302
    assert not ConsultationResponse.objects.exists()
    assert client.get(response["Location"]).status_code == 200


def test_a_form_sent_too_fast_is_held_with_answers_kept(client, consultation, settings):
    settings.CONSULTATION_MIN_FILL_SECONDS = 3
    response = respond(client, consultation)
    assert response.status_code == 200
    assert not ConsultationResponse.objects.exists()
    document = soup(response)
    assert "submit them again" in text(
        document.select_one(".govuk-notification-banner")
    )
    assert document.find("input", id="id_do_you_agree_0").has_attr("checked")


def test_a_tampered_start_time_counts_as_too_fast(client, consultation, settings):
    settings.CONSULTATION_MIN_FILL_SECONDS = 3
    respond(client, consultation, engage_started="1.0:forged")
    assert not ConsultationResponse.objects.exists()


def test_the_eleventh_response_in_ten_minutes_is_rate_limited(
    client, consultation, settings
):
    settings.CONSULTATION_RATE_LIMIT = 10
    statuses = [respond(client, consultation).status_code for _ in range(11)]
    assert statuses == [302] * 10 + [429]
    assert ConsultationResponse.objects.count() == 10


def test_a_cache_outage_loses_no_response(client, consultation, monkeypatch, caplog):
    def away(*args, **kwargs):
        raise ConnectionError("Redis is not answering")

    monkeypatch.setattr("core.throttling.cache.incr", away)
    monkeypatch.setattr("core.throttling.cache.add", away)
    response = respond(client, consultation)
    assert response.status_code == 302
    assert ConsultationResponse.objects.count() == 1
    assert "Response rate limit unavailable" in caplog.text


def test_behind_the_load_balancer_each_resident_has_their_own_allowance(
    client, consultation, settings
):
    settings.CONSULTATION_RATE_LIMIT = 2
    settings.TRUSTED_PROXY_COUNT = 1

    def respond_from(resident):
        headers = {"REMOTE_ADDR": "10.0.0.2", "HTTP_X_FORWARDED_FOR": resident}
        return respond(client, consultation, headers=headers).status_code

    assert [respond_from("203.0.113.9") for _ in range(3)] == [302, 302, 429]
    # Another resident, through the same load balancer.
    assert respond_from("198.51.100.1") == 302
    # Writing another address to the left of the load balancer's does not help.
    assert respond_from("198.51.100.77, 203.0.113.9") == 429


def test_a_receipt_is_emailed_when_asked_for(
    client, consultation, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        respond(client, consultation, engage_receipt_email="resident@example.com")
    stored = ConsultationResponse.objects.get()
    assert stored.receipt_email == "resident@example.com"
    assert len(mail.outbox) == 1
    assert stored.reference in mail.outbox[0].body
    assert mail.outbox[0].to == ["resident@example.com"]


class BrokenMailServer:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        # As smtplib does: the refused address is in the error.
        raise smtplib.SMTPRecipientsRefused(
            {messages[0].to[0]: (550, b"5.1.1 No such mailbox")}
        )


def test_a_failing_mail_server_loses_nothing(
    client, consultation, settings, django_capture_on_commit_callbacks, caplog
):
    settings.EMAIL_BACKEND = f"{__name__}.BrokenMailServer"
    with django_capture_on_commit_callbacks(execute=True):
        response = respond(client, consultation, engage_receipt_email="r@example.com")
    assert response.status_code == 302
    assert ConsultationResponse.objects.count() == 1
    assert client.get(response["Location"]).status_code == 200
    # The failure is logged, but not the address: mail servers name the
    # recipient they refuse, and logs are not kept to the privacy notice.
    assert "Receipt email for response" in caplog.text
    assert "r@example.com" not in caplog.text


def test_posts_without_a_csrf_token_are_refused(consultation):
    strict = Client(enforce_csrf_checks=True)
    assert strict.post(consultation.url, answers()).status_code == 403
    assert not ConsultationResponse.objects.exists()


def test_form_and_confirmation_are_never_cached_by_shared_caches(client, consultation):
    page = client.get(consultation.url)
    confirmation = client.get(respond(client, consultation)["Location"])
    for response in (page, confirmation):
        assert "no-store" in response["Cache-Control"]
        assert "private" in response["Cache-Control"]


def test_a_forged_confirmation_link_is_not_found(client, consultation):
    url = consultation.url + "response/?ref=HYS-FAKE-1234"
    assert client.get(url).status_code == 404


def test_staff_see_responses_in_the_admin_and_export_them(admin_client, consultation):
    respond(Client(), consultation)
    reference = ConsultationResponse.objects.get().reference
    url = f"/admin/forms/submissions/{consultation.pk}/"
    assert reference in admin_client.get(url).content.decode()
    export = admin_client.get(url + "?export=csv")
    body = b"".join(export.streaming_content).decode()
    assert "Reference" in body.splitlines()[0]
    assert reference in body


def test_the_page_model_uses_the_consultation_response_model(consultation):
    page = ConsultationPage.objects.get(pk=consultation.pk)
    assert page.get_submission_class() is ConsultationResponse
