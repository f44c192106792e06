"""A second factor for every staff sign-in (QUALITY SEC-10), through the
admin's own forms: set-up, the second step, recovery codes, throttling,
notices by email, and what a session that has passed only the password may
reach.

The permission matrix (test_permission_matrix.py) checks every family of admin
URLs against a session with the password alone."""

import io
import logging

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.checks import run_checks
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from freezegun import freeze_time
from wagtail.models import PageViewRestriction

from core.two_factor.devices import RECOVERY_CODE_COUNT
from core.two_factor.forms import WRONG_APP_CODE, WRONG_CODE
from home.factories import StandardPageFactory
from tests.html import soup, text
from tests.staff import PASSWORD, app_code, authenticator, current_code, staff

pytestmark = pytest.mark.django_db

User = get_user_model()
HOME = reverse("wagtailadmin_home")
SET_UP = reverse("engage_two_factor_set_up")
VERIFY = reverse("engage_two_factor_verify")
NEW_CODES = reverse("engage_two_factor_recovery_codes")


@pytest.fixture
def editor(django_user_model):
    return staff(django_user_model, "ed", "Editors")


@pytest.fixture
def clock():
    with freeze_time("2026-03-02 10:00:00") as frozen:
        yield frozen


def password_step(client, username="ed", next_url=HOME):
    response = client.post(
        reverse("wagtailadmin_login"),
        {"username": username, "password": PASSWORD, "next": next_url},
    )
    assert response.status_code == 302
    return response


def errors(response) -> list[str]:
    return [text(item) for item in soup(response).select(".messages li.error")]


def field_error(response) -> str:
    """The error Wagtail shows at the field (above it, as on every admin form),
    with the field marked invalid."""
    page = soup(response)
    assert page.find("input", attrs={"name": "code"}).get("aria-invalid") == "true"
    return text(page.select_one(".w-field__errors"))


def verified(client) -> bool:
    return client.get(HOME).status_code == 200


def key_on(response) -> str:
    return text(soup(response).select_one(".engage-setup-key"))


def codes_on(response) -> list[str]:
    return [text(item) for item in soup(response).select(".engage-recovery-codes li")]


def set_up(client) -> list[str]:
    """The set-up page's key, typed into an app, then its code: the recovery
    codes shown."""
    key = key_on(client.get(SET_UP))
    response = client.post(SET_UP, {"code": app_code(key), "next": HOME})
    assert response.status_code == 200, errors(response)
    return codes_on(response)


# --- setting up an authenticator -------------------------------------------


def test_first_sign_in_sets_up_an_authenticator(client, editor, clock, mailoutbox):
    editor.email = "ed@example.com"
    editor.save()
    password_step(client)
    response = client.get(HOME)
    assert response.status_code == 302
    response = client.get(response["Location"], follow=True)
    assert response.redirect_chain[-1][0].startswith(SET_UP)
    assert soup(response).select_one(".engage-qr-code svg") is not None
    key = key_on(response)
    assert len(key.replace(" ", "")) == 32
    # Nothing is saved until a code proves the app, and a reload shows the
    # same key, so a code already scanned still works.
    assert not TOTPDevice.objects.exists()
    assert key_on(client.get(SET_UP)) == key

    before = client.cookies["sessionid"].value
    response = client.post(SET_UP, {"code": app_code(key), "next": HOME})
    assert response.status_code == 200
    codes = codes_on(response)
    assert len(codes) == len(set(codes)) == RECOVERY_CODE_COUNT
    assert TOTPDevice.objects.get(user=editor).confirmed
    assert client.cookies["sessionid"].value != before
    assert verified(client)
    (notice,) = mailoutbox
    assert "a new authenticator app was set up" in notice.subject


def test_each_session_gets_its_own_key(client, editor, clock):
    """Someone else who knows the password sees a different key from the
    person's own, and theirs stops mattering once the person sets up."""
    intruder = Client()
    password_step(intruder)
    intruders_key = key_on(intruder.get(SET_UP))
    password_step(client)
    assert key_on(client.get(SET_UP)) != intruders_key
    set_up(client)
    response = intruder.post(SET_UP, {"code": app_code(intruders_key)})
    assert response["Location"].startswith(VERIFY)
    assert TOTPDevice.objects.filter(user=editor).count() == 1
    assert not verified(intruder)


def test_a_wrong_code_at_set_up_is_explained_and_sets_nothing_up(client, editor, clock):
    password_step(client)
    client.get(SET_UP)
    response = client.post(SET_UP, {"code": "000000"})
    assert response.status_code == 200
    assert errors(response) == [WRONG_APP_CODE]
    assert WRONG_APP_CODE in field_error(response)
    assert not TOTPDevice.objects.exists()
    assert not verified(client)
    response = client.post(SET_UP, {"code": ""})
    assert errors(response) == ["Enter the code from your authenticator app."]


def test_a_password_alone_cannot_replace_an_authenticator(client, editor, clock):
    existing = authenticator(editor)
    password_step(client)
    response = client.get(SET_UP)
    assert response.status_code == 302
    assert response["Location"].startswith(VERIFY)
    assert client.post(SET_UP, {"code": "123456"}).status_code == 302
    assert client.post(NEW_CODES).status_code == 302
    assert list(TOTPDevice.objects.filter(user=editor)) == [existing]
    assert not StaticToken.objects.exists()


# --- the second step ---------------------------------------------------------


def test_the_second_step_takes_the_apps_code(client, editor, clock):
    device = authenticator(editor)
    password_step(client)
    response = client.get(HOME)
    assert response["Location"] == f"{VERIFY}?next=%2Fadmin%2F"
    form = soup(client.get(response["Location"]))
    assert form.find("input", attrs={"name": "code"})["autocomplete"] == (
        "one-time-code"
    )
    before = client.cookies["sessionid"].value
    code = current_code(device)
    response = client.post(VERIFY, {"code": f"{code[:3]} {code[3:]}", "next": HOME})
    assert (response.status_code, response["Location"]) == (302, HOME)
    assert client.cookies["sessionid"].value != before
    assert verified(client)


def test_wrong_codes_are_explained_then_slowed_down(client, editor, clock, caplog):
    device = authenticator(editor)
    password_step(client)
    with caplog.at_level(logging.WARNING, logger="engage.security"):
        response = client.post(VERIFY, {"code": "000000"})
    assert errors(response) == [WRONG_CODE]
    assert "Second factor refused (wrong)" in caplog.text
    # Even the right code waits: django-otp doubles the wait after each miss.
    response = client.post(VERIFY, {"code": current_code(device)})
    assert errors(response) == ["Too many wrong codes. Wait 1 second, then try again."]
    clock.tick(2)
    client.post(VERIFY, {"code": "000000"})
    response = client.post(VERIFY, {"code": "000000"})
    assert errors(response) == ["Too many wrong codes. Wait 2 seconds, then try again."]
    assert not verified(client)
    clock.tick(30)
    client.post(VERIFY, {"code": current_code(device)})
    assert verified(client)


def test_a_code_works_once(client, editor, clock):
    device = authenticator(editor)
    code = current_code(device)
    password_step(client)
    client.post(VERIFY, {"code": code})
    assert verified(client)
    other = Client()
    password_step(other)
    response = other.post(VERIFY, {"code": code})
    assert errors(response) == [WRONG_CODE]


def test_recovery_codes_each_sign_in_once(client, editor, clock, mailoutbox):
    editor.email = "ed@example.com"
    editor.save()
    password_step(client)
    codes = set_up(client)
    client.post(reverse("wagtailadmin_logout"))

    password_step(client)
    response = client.post(VERIFY, {"code": codes[0].upper(), "next": HOME})
    assert response.status_code == 302
    assert "You have 9 left" in client.get(HOME).text
    assert "a recovery code was used" in mailoutbox[-1].subject
    assert "You have 9 left" in mailoutbox[-1].body
    client.post(reverse("wagtailadmin_logout"))

    clock.tick(60)
    password_step(client)
    response = client.post(VERIFY, {"code": codes[0]})
    assert errors(response) == [WRONG_CODE]
    assert StaticToken.objects.filter(device__user=editor).count() == 9
    # Recovery codes are slowed down after a miss too.
    response = client.post(VERIFY, {"code": codes[1]})
    assert errors(response) == ["Too many wrong codes. Wait 1 second, then try again."]


def test_next_stays_on_this_site(client, editor, clock):
    device = authenticator(editor)
    password_step(client)
    response = client.post(
        VERIFY, {"code": current_code(device), "next": "https://evil.example/"}
    )
    assert response["Location"] == HOME


def test_signing_out_is_open_before_the_second_step(client, editor):
    authenticator(editor)
    password_step(client)
    client.post(reverse("wagtailadmin_logout"))
    assert "_auth_user_id" not in client.session


# --- after signing in ---------------------------------------------------------


def test_a_new_phone_replaces_the_old_app(client, editor, clock, mailoutbox):
    editor.email = "ed@example.com"
    editor.save()
    old = authenticator(editor)
    password_step(client)
    client.post(VERIFY, {"code": current_code(old)})
    assert "Set up a new authenticator app" in text(soup(client.get(SET_UP)).h1)
    set_up(client)
    assert not TOTPDevice.objects.filter(pk=old.pk).exists()
    assert TOTPDevice.objects.get(user=editor).confirmed
    assert "a new authenticator app was set up" in mailoutbox[-1].subject


def test_changing_the_second_factor_asks_for_it_again_after_ten_minutes(
    client, editor, clock
):
    device = authenticator(editor)
    password_step(client)
    client.post(VERIFY, {"code": current_code(device)})
    clock.tick(11 * 60)
    for url in (SET_UP, NEW_CODES):
        response = client.get(url)
        assert response["Location"] == f"{VERIFY}?next={url.replace('/', '%2F')}"
    assert client.post(NEW_CODES).status_code == 302
    assert not StaticToken.objects.exists()
    response = client.post(VERIFY, {"code": current_code(device), "next": NEW_CODES})
    assert response["Location"] == NEW_CODES
    assert len(codes_on(client.post(NEW_CODES))) == RECOVERY_CODE_COUNT


def test_new_recovery_codes_replace_the_old(client, editor, clock, mailoutbox):
    editor.email = "ed@example.com"
    editor.save()
    password_step(client)
    first = set(set_up(client))
    second = set(codes_on(client.post(NEW_CODES)))
    assert len(second) == RECOVERY_CODE_COUNT and not first & second
    assert (
        set(
            StaticToken.objects.filter(device__user=editor).values_list(
                "token", flat=True
            )
        )
        == second
    )
    assert "new recovery codes were made" in mailoutbox[-1].subject


def test_the_account_page_offers_both(client, editor, clock):
    device = authenticator(editor)
    password_step(client)
    client.post(VERIFY, {"code": current_code(device)})
    page = soup(client.get(reverse("wagtailadmin_account")))
    hrefs = {a["href"] for a in page.select("#tab-actions a")}
    assert {SET_UP, NEW_CODES} <= hrefs


# --- the public site -------------------------------------------------------------


@pytest.fixture
def private(home_page):
    page = StandardPageFactory(parent=home_page, title="Staff notes")
    PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.LOGIN
    )
    return page


def sign_in_route(client, url):
    """Where a private page sends someone, then where that sends them."""
    first = client.get(url)
    assert first.status_code == 302
    assert first["Location"].startswith(reverse("wagtailcore_login"))
    return client.get(first["Location"])


def test_the_public_site_counts_a_half_signed_in_session_as_signed_out(
    client, editor, private, clock
):
    device = authenticator(editor)
    password_step(client)
    # Through the second step, which then returns to the page.
    response = sign_in_route(client, private.url)
    assert response["Location"] == f"{VERIFY}?next=%2Fstaff-notes%2F"
    response = client.post(
        response["Location"], {"code": current_code(device), "next": private.url}
    )
    assert response["Location"] == private.url
    assert client.get(private.url).status_code == 200


def test_private_pages_sign_in_through_the_admins_two_steps(client, private):
    """Wagtail's own sign-in page has neither the throttle nor the second
    factor: in its place, people go through the admin's two steps."""
    response = sign_in_route(client, private.url)
    assert response["Location"] == f"{VERIFY}?next=%2Fstaff-notes%2F"
    response = client.get(response["Location"])
    assert response["Location"].startswith(reverse("wagtailadmin_login"))


def test_signed_in_staff_outside_a_pages_group_are_refused_not_looped(
    client, editor, home_page, clock
):
    group_only = StandardPageFactory(parent=home_page, title="Board papers")
    restriction = PageViewRestriction.objects.create(
        page=group_only, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(Group.objects.get(name="Moderators"))
    device = authenticator(editor)
    password_step(client)
    client.post(VERIFY, {"code": current_code(device)})
    response = sign_in_route(client, group_only.url)
    assert response.status_code == 403
    assert "You cannot see this page" in text(soup(response).h1)


# --- operations ----------------------------------------------------------------


def test_reset_sends_the_person_a_link_and_ends_the_old_password(
    client, editor, clock, mailoutbox
):
    """Whoever signs in after a reset sets up the new app, so it must be the
    person who reads their email, not whoever knows the old password."""
    editor.email = "ed@northvale.example"
    editor.save()
    authenticator(editor)
    signed_in_before = Client()
    signed_in_before.force_login(editor)
    out = io.StringIO()
    call_command("reset_two_factor", "ed", stdout=out)
    said = out.getvalue()
    assert "Reset two-factor authentication for ed" in said
    assert f"Emailed {editor.email} a link" in said
    assert not TOTPDevice.objects.filter(user=editor).exists()

    # The old password and the old sessions are gone.
    refused = client.post(
        reverse("wagtailadmin_login"), {"username": "ed", "password": PASSWORD}
    )
    assert refused.status_code == 200
    assert signed_in_before.get(HOME)["Location"].startswith(
        reverse("wagtailadmin_login")
    )

    # The emailed link sets a new password; then the new app is set up.
    (message,) = mailoutbox
    new_password = "a brand new passphrase for ed"
    follow_password_link(client, message, new_password)
    response = client.post(
        reverse("wagtailadmin_login"),
        {"username": "ed", "password": new_password, "next": HOME},
    )
    assert response.status_code == 302
    assert client.get(VERIFY)["Location"].startswith(SET_UP)
    with pytest.raises(CommandError, match="no user called 'nobody'"):
        call_command("reset_two_factor", "nobody")


def follow_password_link(client, message, new_password):
    link = next(line for line in message.body.splitlines() if "/confirm/" in line)
    # Django swaps the token in the link for one in the session, then asks.
    form = client.get("/" + link.split("://", 1)[1].split("/", 1)[1])
    return client.post(
        form["Location"],
        {"new_password1": new_password, "new_password2": new_password},
    )


def test_a_new_account_gets_no_password_but_a_link_to_set_one(
    client, admin_client, mailoutbox
):
    """Nobody but the holder ever knows the password, so the first sign-in,
    which sets up the authenticator app, is theirs."""
    add = reverse("wagtailusers_users:add")
    assert "password1" not in admin_client.get(add).content.decode()
    response = admin_client.post(
        add,
        {
            "username": "newstarter",
            "email": "new.starter@northvale.example",
            "first_name": "New",
            "last_name": "Starter",
            "groups": [Group.objects.get(name="Editors").pk],
        },
    )
    assert response.status_code == 302
    user = User.objects.get(username="newstarter")
    assert not user.check_password("")

    (message,) = mailoutbox
    assert message.to == ["new.starter@northvale.example"]
    assert "Set your password here" in message.body
    follow_password_link(client, message, "my own long passphrase")
    response = client.post(
        reverse("wagtailadmin_login"),
        {"username": "newstarter", "password": "my own long passphrase"},
    )
    assert response.status_code == 302
    assert client.get(HOME)["Location"].startswith(VERIFY)
    assert client.get(VERIFY)["Location"].startswith(SET_UP)


def test_without_an_email_the_reset_link_is_given_to_the_administrator(
    editor, mailoutbox
):
    editor.email = ""
    editor.save()
    out = io.StringIO()
    call_command("reset_two_factor", "ed", stdout=out)
    assert "give them this link yourself" in out.getvalue()
    assert "/admin/password_reset/confirm/" in out.getvalue()
    assert not mailoutbox


def test_deploy_checks_warn_when_the_second_factor_is_off(settings):
    def ids():
        return {message.id for message in run_checks(include_deployment_checks=True)}

    assert "engage.W001" not in ids()
    settings.ENGAGE_REQUIRE_TWO_FACTOR = False
    assert "engage.W001" in ids()


def test_turned_off_a_password_is_enough(client, editor, settings):
    settings.ENGAGE_REQUIRE_TWO_FACTOR = False
    password_step(client)
    assert verified(client)
    assert client.get(VERIFY)["Location"] == HOME


def test_a_session_that_used_a_leaked_recovery_code_loses_it(client, editor, clock):
    """The owner's new recovery codes (or new app) end every session that
    passed with an old code; the owner's own carries on."""
    password_step(client)
    codes = set_up(client)
    intruder = Client()
    password_step(intruder)
    intruder.post(VERIFY, {"code": codes[0]})
    assert verified(intruder)
    client.post(NEW_CODES)
    assert verified(client)
    assert not verified(intruder)


def test_an_owner_who_passed_with_a_recovery_code_stays_in_after_new_codes(
    client, editor, clock
):
    password_step(client)
    codes = set_up(client)
    client.post(reverse("wagtailadmin_logout"))
    password_step(client)
    client.post(VERIFY, {"code": codes[0]})
    assert len(codes_on(client.post(NEW_CODES))) == RECOVERY_CODE_COUNT
    assert verified(client)


def test_odd_digits_at_set_up_are_a_wrong_code(client, editor):
    password_step(client)
    client.get(SET_UP)
    response = client.post(SET_UP, {"code": "\u00b2" * 6})
    assert errors(response) == [WRONG_APP_CODE]


def test_turned_off_recovery_codes_wait_for_an_app(client, editor, settings):
    settings.ENGAGE_REQUIRE_TWO_FACTOR = False
    password_step(client)
    assert client.get(NEW_CODES)["Location"] == SET_UP
    page = soup(client.get(reverse("wagtailadmin_account")))
    labels = [text(a) for a in page.select("#tab-actions a")]
    assert "Set up an authenticator app" in labels
    assert "New recovery codes" not in labels
