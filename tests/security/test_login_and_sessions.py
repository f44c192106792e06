"""Staff sign-in (QUALITY SEC-08, SEC-09, SEC-11): password rules, login
throttling without account enumeration, and session lifetimes."""

import logging
import smtplib

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.urls import reverse
from freezegun import freeze_time

from core.login_throttle import REFUSED_MESSAGE, UNAVAILABLE_MESSAGE
from tests.html import soup, text
from tests.staff import authenticator, current_code, staff

pytestmark = pytest.mark.django_db

LOGIN_URL = reverse("wagtailadmin_login")
User = get_user_model()
PASSWORD = "not-a-real-password"


@pytest.fixture
def editor(django_user_model):
    return staff(django_user_model, "ed", "Editors")


WRONG_PASSWORD = "wrong-password-1234"


def attempt(client, username, password=None, address="10.0.0.1"):
    return client.post(
        LOGIN_URL,
        {"username": username, "password": password or WRONG_PASSWORD},
        REMOTE_ADDR=address,
    )


def errors(response) -> list[str]:
    return [text(item) for item in soup(response).select("li.error")]


def signed_in(client) -> bool:
    return "_auth_user_id" in client.session


# --- SEC-08 passwords ---------------------------------------------------


@pytest.mark.parametrize(
    "password",
    ["short-pass1", "password1234", "123456789012345", "editor-ed-editor"],
    ids=["11-characters", "common", "numeric", "like-the-username"],
)
def test_weak_passwords_are_refused(django_user_model, password):
    user = django_user_model(username="editor-ed-editor", email="ed@example.com")
    with pytest.raises(ValidationError):
        validate_password(password, user)


@pytest.mark.parametrize("length", [12, 64, 128])
def test_long_passphrases_are_accepted(django_user_model, length):
    user = django_user_model(username="ed", email="ed@example.com")
    passphrase = ("correct horse battery staple " * 5)[:length]
    validate_password(passphrase, user)


# --- SEC-09 login throttling ------------------------------------------------


def test_seven_failures_lock_the_username_even_with_the_right_password(
    client, editor, caplog
):
    for _ in range(7):
        response = attempt(client, "ed")
        assert response.status_code == 200
        assert REFUSED_MESSAGE not in response.text
    with caplog.at_level(logging.WARNING, logger="engage.security"):
        response = attempt(client, "ed", password=PASSWORD, address="10.9.9.9")
    assert errors(response) == [REFUSED_MESSAGE]
    assert not signed_in(client)
    assert "Refused admin login attempt" in caplog.text


def test_each_failed_login_is_logged(client, editor, caplog):
    with caplog.at_level(logging.INFO, logger="engage.security"):
        attempt(client, "ed")
    assert "Failed admin login (1 of 7 before a lock-out) for user-" in caplog.text
    assert "from 10.0.0.1" in caplog.text
    assert " ed " not in caplog.text  # a pseudonym, not the username


def test_locked_out_message_is_the_same_for_unknown_usernames(client, editor):
    for username in ("ed", "nobody-by-this-name"):
        for _ in range(7):
            attempt(client, username)
    known, unknown = attempt(client, "ed"), attempt(client, "nobody-by-this-name")
    assert errors(known) == errors(unknown) == [REFUSED_MESSAGE]


def test_a_locked_account_holder_is_emailed_and_nobody_else(client, editor, mailoutbox):
    editor.email = "ed@example.com"
    editor.save()
    authenticator(editor)
    for _ in range(6):
        attempt(client, "ED")  # usernames are matched as people type them
    assert mailoutbox == []
    page = attempt(client, "ED")
    (email,) = mailoutbox
    assert email.to == ["ed@example.com"]
    assert "signing in is paused for 5 minutes" in email.body
    assert "http://testserver/admin/login/" in email.body
    assert "also needs the code from your authenticator app" in email.body
    # The page says nothing of it, and unknown usernames email nobody.
    for _ in range(7):
        other = attempt(client, "nobody-by-this-name", address="10.0.0.2")
    assert errors(other) == errors(page)
    assert len(mailoutbox) == 1


@pytest.mark.parametrize("change", ["no email address", "deactivated"])
def test_nobody_is_emailed_without_an_active_address(
    client, editor, mailoutbox, change
):
    editor.email = "" if change == "no email address" else "ed@example.com"
    editor.is_active = change != "deactivated"
    editor.save()
    for _ in range(7):
        attempt(client, "ed")
    assert REFUSED_MESSAGE in attempt(client, "ed").text
    assert mailoutbox == []


def test_a_failing_mail_server_does_not_break_the_lock_out(
    client, editor, settings, caplog
):
    editor.email = "ed@example.com"
    editor.save()
    settings.EMAIL_BACKEND = "tests.security.test_login_and_sessions.BrokenMail"
    with caplog.at_level(logging.ERROR, logger="engage.security"):
        for _ in range(7):
            assert attempt(client, "ed").status_code == 200
    assert REFUSED_MESSAGE in attempt(client, "ed", password=PASSWORD).text
    assert "Security notice 'core/email/login_locked.txt'" in caplog.text
    # Not the address, which the mail server put in its error.
    assert "ed@example.com" not in caplog.text


class BrokenMail:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise smtplib.SMTPRecipientsRefused(
            {messages[0].to[0]: (550, b"5.1.1 No such mailbox")}
        )


def test_failures_before_the_limit_give_wagtails_usual_message(client, editor):
    wrong_user, wrong_password = attempt(client, "nobody"), attempt(client, "ed")
    assert errors(wrong_user) == errors(wrong_password)
    assert "didn't match" in errors(wrong_user)[0]


def test_lock_lifts_after_the_back_off_and_grows_next_time(client, editor):
    with freeze_time("2026-01-05 09:00:00") as clock:
        for _ in range(7):
            attempt(client, "ed")
        clock.tick(4 * 60)
        assert REFUSED_MESSAGE in attempt(client, "ed", password=PASSWORD).text
        clock.tick(2 * 60)
        for _ in range(7):
            attempt(client, "ed")
        clock.tick(6 * 60)  # the second lock-out lasts 10 minutes
        assert REFUSED_MESSAGE in attempt(client, "ed", password=PASSWORD).text
        clock.tick(5 * 60)
        attempt(client, "ed", password=PASSWORD)
        assert signed_in(client)


def test_a_successful_login_resets_the_count(client, editor):
    for _ in range(6):
        attempt(client, "ed")
    attempt(client, "ed", password=PASSWORD)
    assert signed_in(client)
    client.logout()
    for _ in range(6):
        attempt(client, "ed")
    attempt(client, "ed", password=PASSWORD)
    assert signed_in(client)


def test_one_address_trying_many_usernames_is_locked_out(client, editor, settings):
    settings.LOGIN_THROTTLE = {**settings.LOGIN_THROTTLE, "ADDRESS_LIMIT": 10}
    for n in range(10):
        attempt(client, f"guess-{n}", address="192.0.2.7")
    refused = attempt(client, "ed", password=PASSWORD, address="192.0.2.7")
    assert REFUSED_MESSAGE in refused.text
    attempt(client, "ed", password=PASSWORD, address="192.0.2.8")
    assert signed_in(client)


def test_behind_the_load_balancer_one_address_cannot_lock_everyone_out(
    client, editor, settings
):
    settings.LOGIN_THROTTLE = {**settings.LOGIN_THROTTLE, "ADDRESS_LIMIT": 10}
    settings.TRUSTED_PROXY_COUNT = 1
    for n in range(10):
        client.post(
            LOGIN_URL,
            {"username": f"guess-{n}", "password": WRONG_PASSWORD},
            REMOTE_ADDR="10.0.0.2",
            HTTP_X_FORWARDED_FOR="192.0.2.7",
        )
    # The guesser is locked out; the editor, through the same load balancer, is not.
    guesser = client.post(
        LOGIN_URL,
        {"username": "ed", "password": PASSWORD},
        REMOTE_ADDR="10.0.0.2",
        HTTP_X_FORWARDED_FOR="192.0.2.7",
    )
    assert REFUSED_MESSAGE in guesser.text
    client.post(
        LOGIN_URL,
        {"username": "ed", "password": PASSWORD},
        REMOTE_ADDR="10.0.0.2",
        HTTP_X_FORWARDED_FOR="192.0.2.8",
    )
    assert signed_in(client)


def test_without_the_cache_no_password_is_tried_and_the_page_says_so(
    client, editor, monkeypatch, caplog
):
    def away(*args, **kwargs):
        raise ConnectionError("Redis is not answering")

    monkeypatch.setattr("core.login_throttle.cache.get", away)
    response = attempt(client, "ed", password=PASSWORD)
    assert response.status_code == 200
    assert errors(response) == [UNAVAILABLE_MESSAGE]
    assert not signed_in(client)
    assert "login throttle's cache is away" in caplog.text


def test_a_cache_that_reads_but_will_not_count_refuses_too(client, editor, monkeypatch):
    # Full, or a read-only replica: a wrong password that cannot be counted
    # is not simply let go, or guesses would be unlimited.
    def full(*args, **kwargs):
        raise ConnectionError("OOM command not allowed")

    monkeypatch.setattr("core.throttling.cache.incr", full)
    monkeypatch.setattr("core.throttling.cache.add", full)
    assert errors(attempt(client, "ed")) == [UNAVAILABLE_MESSAGE]
    assert not signed_in(client)


# --- SEC-11 sessions --------------------------------------------------------


def log_in(client):
    """Both steps: the password, then the authenticator's code."""
    response = attempt(client, "ed", password=PASSWORD)
    assert response.status_code == 302
    device = authenticator(User.objects.get(username="ed"))
    response = client.post(
        reverse("engage_two_factor_verify"), {"code": current_code(device)}
    )
    assert response.status_code == 302


def test_login_rotates_the_session_key(client, editor):
    session = client.session
    session["before"] = True
    session.save()
    before = client.cookies["sessionid"].value
    assert before == session.session_key
    log_in(client)
    assert client.cookies["sessionid"].value != before
    assert client.session.get("before")  # the same session, under a new key


def test_idle_staff_sessions_end_after_thirty_minutes(client, editor, settings):
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    assert settings.SESSION_SAVE_EVERY_REQUEST
    with freeze_time("2026-01-05 09:00:00") as clock:
        log_in(client)
        clock.tick(29 * 60)
        assert client.get(reverse("wagtailadmin_home")).status_code == 200
        clock.tick(29 * 60)  # active: each request pushed the expiry on
        assert client.get(reverse("wagtailadmin_home")).status_code == 200
        clock.tick(31 * 60)
        assert client.get(reverse("wagtailadmin_home")).status_code == 302


def test_an_edit_page_left_open_does_not_keep_the_session_alive(client, editor):
    # Wagtail's editing sessions ping every 10 seconds while the page is open.
    ping = reverse(
        "wagtailadmin_editing_sessions:ping",
        args=("wagtailcore", "page", "1", 1),
    )
    with freeze_time("2026-01-05 09:00:00") as clock:
        log_in(client)
        for _ in range(7):  # 35 minutes of pings, and nothing else
            clock.tick(5 * 60)
            client.post(ping)
        assert client.get(reverse("wagtailadmin_home")).status_code == 302
        assert not signed_in(client)


def test_active_staff_sessions_end_ten_hours_after_login(client, editor):
    with freeze_time("2026-01-05 08:00:00") as clock:
        log_in(client)
        for _ in range(20):  # busy all day, never idle for long
            clock.tick(29 * 60)
            assert client.get(reverse("wagtailadmin_home")).status_code == 200
        clock.tick(29 * 60)  # 10 h 29 min after login
        response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN_URL)


def test_logout_ends_the_session_on_the_server(client, editor):
    log_in(client)
    stolen = client.cookies["sessionid"].value
    client.post(reverse("wagtailadmin_logout"))
    client.cookies["sessionid"] = stolen
    assert client.get(reverse("wagtailadmin_home")).status_code == 302


def test_a_deactivated_user_is_refused_at_the_next_request(client, editor):
    log_in(client)
    editor.is_active = False
    editor.save()
    assert client.get(reverse("wagtailadmin_home")).status_code == 302
