"""A resident finds success stories by topic in a real browser, and every
stories page has no axe-core violations (WCAG 2.2 A and AA)."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_no_axe_violations

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

FORUM_TITLE = "Three years of the Community Leaders' Forum"
ROOM_TITLE = "A community room brings Greenway Court together"


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def test_resident_filters_by_tag_opens_a_story_and_follows_a_related_link(
    page, demo_server
):
    page.goto(demo_server + "/success-stories/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Success stories")
    assert_no_axe_violations(page)

    filters = page.get_by_role("group", name="Filter by topic")
    filters.get_by_label("Volunteering").check()
    page.get_by_role("button", name="Apply filter").click()
    expect(page).to_have_url(demo_server + "/success-stories/tag/volunteering/")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Stories tagged Volunteering"
    )
    expect(filters.get_by_label("Volunteering")).to_be_checked()
    stories = page.locator(".engage-card__title")
    expect(stories).to_have_text([ROOM_TITLE])
    assert_no_axe_violations(page)

    stories.get_by_role("link", name=ROOM_TITLE).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(ROOM_TITLE)
    expect(page.locator("main blockquote")).to_have_count(2)
    assert_no_axe_violations(page)

    related = page.get_by_role("region", name="Related stories")
    related.get_by_role("link", name=FORUM_TITLE).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(FORUM_TITLE)
    assert_no_axe_violations(page)


def test_two_tags_narrow_the_list(page, demo_server):
    page.goto(demo_server + "/success-stories/")
    filters = page.get_by_role("group", name="Filter by topic")
    filters.get_by_label("Community safety").check()
    page.get_by_role("button", name="Apply filter").click()
    expect(page.locator(".engage-card__title")).to_have_count(2)
    page.get_by_role("group", name="Filter by topic").get_by_label("Health").check()
    page.get_by_role("button", name="Apply filter").click()
    expect(page).to_have_url(
        demo_server + "/success-stories/tag/community-safety/health/"
    )
    expect(page.locator(".engage-card__title")).to_have_text([FORUM_TITLE])
    assert_no_axe_violations(page)


def test_story_topic_link_and_contact_page(page, demo_server):
    page.goto(demo_server + "/success-stories/community-leaders-forum-three-years/")
    page.get_by_role("link", name="Email the community team").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Email the community team"
    )
    expect(
        page.get_by_role("link", name="community.team@northvale.example")
    ).to_have_attribute("href", "mailto:community.team@northvale.example")
    assert_no_axe_violations(page)

    page.get_by_role("link", name="Back to the story").click()
    topics = page.get_by_role("region", name="Topics and places")
    topics.get_by_role("link", name="Health stories").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Stories tagged Health")
