import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from wagtail.models import Page, Site

from core.models import SiteSettings

pytestmark = pytest.mark.django_db


def test_demo_content_builds_the_site_and_is_idempotent():
    call_command("load_demo_content", stdout=io.StringIO())
    count = Page.objects.count()
    call_command("load_demo_content", stdout=io.StringIO())
    assert Page.objects.count() == count

    site = Site.objects.get(is_default_site=True)
    assert site.root_page.specific_class.__name__ == "HomePage"
    assert not Page.objects.filter(
        title__startswith="Welcome to your new Wagtail"
    ).exists()
    settings = SiteSettings.for_site(site)
    assert settings.accessibility_page.slug == "accessibility-statement"


def test_accessibility_statement_has_the_statutory_sections(client):
    call_command("load_demo_content", stdout=io.StringIO())
    html = client.get("/accessibility-statement/").content.decode()
    for required in (
        "Feedback and contact information",
        "Enforcement procedure",
        "Equality Advisory and Support Service",
        "Compliance status",
        "partially compliant",
        "Non-accessible content",
        "1.1.1",
        "Preparation of this accessibility statement",
        "This statement was prepared on",
        "Last reviewed",
    ):
        assert required in html, required


def test_demo_pages_are_published_through_revisions():
    call_command("load_demo_content", stdout=io.StringIO())
    statement = Page.objects.get(slug="accessibility-statement")
    assert statement.live and statement.last_published_at is not None
    assert statement.revisions.exists()


def test_demo_users_get_one_login_per_group(settings):
    settings.DEBUG = True
    out = io.StringIO()
    call_command("create_demo_users", stdout=out)
    users = get_user_model().objects.filter(
        username__in=["admin", "editor", "moderator", "democratic-services"]
    )
    assert users.count() == 4
    assert users.get(username="admin").is_superuser
    assert list(users.get(username="editor").groups.values_list("name", flat=True)) == [
        "Editors"
    ]
    assert "democratic-services" in out.getvalue()


def test_demo_users_are_refused_outside_development(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError):
        call_command("create_demo_users", stdout=io.StringIO())
