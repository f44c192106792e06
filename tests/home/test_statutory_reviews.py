"""The accessibility statement, privacy notice and cookies page carry a review
date, and staff are told when one is due (QUALITY ACC-09: reviewed at least
every 12 months)."""

import datetime
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.utils import timezone
from wagtail.models import Site

from core.models import SiteSettings
from home.factories import StandardPageFactory
from home.reviews import ReviewState, review_of, statutory_reviews
from tests.html import soup
from tests.staff import sign_in, staff

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 11, 24)


@pytest.mark.parametrize(
    ("reviewed_on", "state", "due_on"),
    [
        (datetime.date(2026, 1, 1), ReviewState.IN_DATE, datetime.date(2027, 1, 1)),
        # Due within 30 days: a warning before it is late.
        (
            datetime.date(2025, 12, 24),
            ReviewState.DUE_SOON,
            datetime.date(2026, 12, 24),
        ),
        (
            datetime.date(2025, 11, 24),
            ReviewState.DUE_SOON,
            datetime.date(2026, 11, 24),
        ),
        (datetime.date(2025, 11, 23), ReviewState.OVERDUE, datetime.date(2026, 11, 23)),
        (None, ReviewState.NEVER_REVIEWED, None),
    ],
)
def test_a_review_is_due_twelve_months_after_the_last(reviewed_on, state, due_on):
    page = StandardPageFactory.build(last_reviewed_on=reviewed_on)
    review = review_of("Privacy notice", page, TODAY)
    assert (review.state, review.due_on) == (state, due_on)


def test_a_page_not_chosen_in_the_settings_needs_attention():
    review = review_of("Cookies page", None, TODAY)
    assert review.state is ReviewState.NOT_CHOSEN
    assert review.state.needs_attention


def test_the_demo_statement_was_reviewed_within_a_year_and_says_when(demo_site, client):
    today = timezone.localdate()
    reviews = statutory_reviews(Site.objects.get(is_default_site=True), today)
    assert [r.label for r in reviews] == [
        "Accessibility statement",
        "Privacy notice",
        "Cookies page",
    ]
    for review in reviews:
        assert review.state is ReviewState.IN_DATE, review
        assert today - review.last_reviewed_on < datetime.timedelta(days=365)

    html = soup(client.get("/accessibility-statement/"))
    shown = html.select_one(f"time[datetime='{today.isoformat()}']")
    assert shown is not None
    assert "Last reviewed" in shown.parent.get_text()


def overdue_statement(home_page):
    statement = StandardPageFactory(
        parent=home_page,
        title="Accessibility statement",
        last_reviewed_on=timezone.localdate() - datetime.timedelta(days=400),
    )
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings.accessibility_page = statement
    settings.save()
    return statement


def test_the_dashboard_tells_an_editor_what_is_overdue(
    home_page, client, django_user_model
):
    statement = overdue_statement(home_page)
    sign_in(client, staff(django_user_model, "ed", "Editors"))

    html = soup(client.get("/admin/"))

    panel = html.select_one("#statutory-reviews-section")
    assert panel is not None
    rows = {
        row.th.get_text(strip=True): [td.get_text(strip=True) for td in row("td")]
        for row in panel.select("tbody tr")
    }
    assert rows["Accessibility statement"][0] == "Review overdue"
    assert rows["Privacy notice"][0] == "No page is chosen in the site settings"
    assert "3 of these pages need attention" in panel.get_text(" ", strip=True)
    link = panel.select_one("tbody a")
    assert link["href"] == f"/admin/pages/{statement.pk}/edit/"


def test_staff_who_cannot_edit_the_pages_are_not_shown_the_panel(
    home_page, client, django_user_model
):
    overdue_statement(home_page)
    sign_in(client, staff(django_user_model, "ds", "Democratic services"))
    html = soup(client.get("/admin/"))
    assert html.select_one("#statutory-reviews-section") is None


def test_the_command_fails_while_a_review_is_overdue(home_page):
    overdue_statement(home_page)
    out = io.StringIO()
    with pytest.raises(CommandError, match="Accessibility statement") as raised:
        call_command("check_statutory_reviews", stdout=out)
    assert raised.value.returncode == 1
    assert "Accessibility statement: Review overdue, last reviewed" in out.getvalue()


def test_the_command_passes_when_every_page_is_in_date(demo_site):
    out = io.StringIO()
    call_command("check_statutory_reviews", stdout=out)
    assert out.getvalue().count(": Reviewed, last reviewed") == 3


def test_a_page_of_another_type_cannot_record_a_review(home_page):
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings.cookies_page = home_page
    settings.save()
    reviews = statutory_reviews(Site.objects.get(is_default_site=True), TODAY)
    assert reviews[2].state is ReviewState.NO_REVIEW_DATE
    assert reviews[2].state.needs_attention


def test_a_review_date_cannot_be_in_the_future(home_page):
    page = StandardPageFactory.build(
        last_reviewed_on=timezone.localdate() + datetime.timedelta(days=1)
    )
    with pytest.raises(ValidationError) as raised:
        page.clean()
    assert "last_reviewed_on" in raised.value.message_dict


def test_one_page_needing_attention_reads_as_one(home_page, client, django_user_model):
    for field in ("accessibility_page", "privacy_page", "cookies_page"):
        page = StandardPageFactory(
            parent=home_page, last_reviewed_on=timezone.localdate()
        )
        settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
        setattr(settings, field, page)
        settings.save()
    page.last_reviewed_on = timezone.localdate() - datetime.timedelta(days=400)
    page.save()
    sign_in(client, staff(django_user_model, "ed", "Editors"))
    panel = soup(client.get("/admin/")).select_one("#statutory-reviews-section")
    assert "1 of these pages needs attention" in panel.get_text(" ", strip=True)
