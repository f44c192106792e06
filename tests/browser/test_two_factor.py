"""A member of staff signs in for the first time in Chromium: password, then
setting up an authenticator app from the key on the page, then the recovery
codes, then the dashboard (QUALITY SEC-10). The second-factor pages are ours,
so they are held to the same axe check as the public pages."""

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from tests.browser.conftest import assert_no_axe_violations
from tests.staff import app_code

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a-long-enough-test-password"


def test_first_sign_in_sets_up_an_authenticator_app(page, demo_server):
    get_user_model().objects.create_superuser("officer", "o@example.com", PASSWORD)
    page.goto(demo_server + "/admin/")
    page.get_by_label("Username").fill("officer")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()

    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Set up two-factor authentication"
    )
    expect(
        page.get_by_role("img", name="QR code for your authenticator app")
    ).to_be_visible()
    assert_no_axe_violations(page)
    page.get_by_role("textbox", name="Code").fill("000000")
    page.get_by_role("button", name="Set up").click()
    expect(page.get_by_role("status")).to_contain_text("The code is not right")
    assert_no_axe_violations(page)

    key = page.locator(".engage-setup-key").inner_text()
    page.get_by_role("textbox", name="Code").fill(app_code(key))
    page.get_by_role("button", name="Set up").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your recovery codes")
    expect(page.locator(".engage-recovery-codes li")).to_have_count(10)
    page.get_by_role("link", name="I have saved my recovery codes").click()
    expect(page).to_have_url(demo_server + "/admin/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
