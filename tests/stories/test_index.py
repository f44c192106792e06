"""The stories index: newest first, filtered by tags at their own addresses,
with counts, pagination and bounded queries."""

import pytest

from stories.factories import StoryPageFactory
from stories.models import StoryPage
from tests.html import soup, text
from tests.queries import count_queries

pytestmark = pytest.mark.django_db


def card_titles(response):
    return [text(h) for h in soup(response).select(".engage-card__title")]


@pytest.fixture
def tagged_stories(story_index):
    StoryPageFactory(parent=story_index, title="Clinics", tags=["Health"])
    StoryPageFactory(parent=story_index, title="Patrols", tags=["Community safety"])
    StoryPageFactory(
        parent=story_index, title="Both", tags=["Health", "Community safety"]
    )
    StoryPageFactory(parent=story_index, title="Draft", tags=["Health"], live=False)
    return story_index


def test_index_lists_live_stories_newest_first(client, tagged_stories):
    assert card_titles(client.get("/success-stories/")) == [
        "Both",
        "Patrols",
        "Clinics",
    ]


def test_one_tag_shows_only_stories_with_it(client, tagged_stories):
    response = client.get("/success-stories/tag/health/")
    assert response.status_code == 200
    assert card_titles(response) == ["Both", "Clinics"]


def test_two_tags_show_stories_with_both(client, tagged_stories):
    response = client.get("/success-stories/tag/community-safety/health/")
    assert response.status_code == 200
    assert card_titles(response) == ["Both"]


def test_tag_page_has_its_own_title_heading_and_canonical(client, tagged_stories):
    document = soup(client.get("/success-stories/tag/community-safety/health/"))
    expected = "Stories tagged Community safety and Health"
    assert text(document.title) == f"{expected} - Testvale Council"
    assert text(document.find("h1")) == expected
    canonical = document.find("link", rel="canonical")["href"]
    assert canonical == "http://localhost/success-stories/tag/community-safety/health/"


def test_index_canonical_is_the_page_itself(client, tagged_stories):
    document = soup(client.get("/success-stories/"))
    assert text(document.find("h1")) == "Success stories"
    canonical = document.find("link", rel="canonical")["href"]
    assert canonical == "http://localhost/success-stories/"


def test_filter_form_redirects_to_the_tag_address(client, tagged_stories):
    response = client.get("/success-stories/?tag=health&tag=community-safety")
    assert response.status_code == 302
    assert response["Location"] == "/success-stories/tag/community-safety/health/"


def test_tags_in_another_order_redirect_to_the_one_address(client, tagged_stories):
    response = client.get("/success-stories/tag/health/community-safety/")
    assert response.status_code == 301
    assert response["Location"] == "/success-stories/tag/community-safety/health/"


@pytest.mark.parametrize(
    "path",
    [
        "/success-stories/tag/no-such-tag/",
        "/success-stories/tag/health/no-such-tag/",
        "/success-stories/tag/no-such-tag/feed/",
    ],
)
def test_unknown_tags_are_not_found(client, tagged_stories, path):
    assert client.get(path).status_code == 404


@pytest.mark.parametrize(
    "query, goes_to",
    [
        # A topic no story carries any more, since the form was shown.
        ("?tag=no-such-tag", "/success-stories/"),
        ("?tag=", "/success-stories/"),
        ("?tag=health&tag=no-such-tag", "/success-stories/tag/health/"),
    ],
)
def test_the_filter_form_drops_topics_no_story_has(
    client, tagged_stories, query, goes_to
):
    response = client.get(f"/success-stories/{query}")
    assert response.status_code == 302
    assert response["Location"] == goes_to


def test_a_tag_used_only_by_drafts_is_not_found(client, story_index):
    StoryPageFactory(parent=story_index, tags=["Secret plans"], live=False)
    StoryPageFactory(parent=story_index, tags=["Health"])
    assert client.get("/success-stories/tag/secret-plans/").status_code == 404


def test_tag_list_shows_counts_of_live_stories_and_ticks_chosen(client, tagged_stories):
    document = soup(client.get("/success-stories/tag/health/"))
    fieldset = document.find("fieldset")
    assert text(fieldset.find("legend")) == "Filter by topic"
    assert "Choose up to 3." in text(fieldset.find(id="tag-hint"))
    labels = [text(label) for label in fieldset.find_all("label")]
    assert labels == ["Community safety (2 stories)", "Health (2 stories)"]
    checked = [box["value"] for box in fieldset.find_all("input", checked=True)]
    assert checked == ["health"]
    form = fieldset.find_parent("form")
    assert form["action"] == "/success-stories/"
    assert form["method"] == "get"


def test_two_tags_with_no_story_in_common_say_so(client, story_index):
    StoryPageFactory(parent=story_index, tags=["Health"])
    StoryPageFactory(parent=story_index, tags=["Housing"])
    response = client.get("/success-stories/tag/health/housing/")
    assert response.status_code == 200
    assert card_titles(response) == []
    assert "No stories have all of these topics" in text(soup(response).main)


def test_too_many_tags_are_not_found(client, story_index):
    StoryPageFactory(parent=story_index, tags=["A", "B", "C", "D"])
    assert client.get("/success-stories/tag/a/b/c/").status_code == 200
    assert client.get("/success-stories/tag/a/b/c/d/").status_code == 404


def test_ticking_too_many_topics_is_an_error_with_the_ticks_kept(client, story_index):
    StoryPageFactory(parent=story_index, title="All four", tags=["A", "B", "C", "D"])
    response = client.get("/success-stories/?tag=b&tag=a&tag=c&tag=d")
    assert response.status_code == 200
    document = soup(response)
    assert text(document.title).startswith("Error: ")
    summary = document.select_one(".govuk-error-summary")
    assert text(summary.find("a")) == "Select up to 3 topics"
    target = summary.find("a")["href"].lstrip("#")
    assert document.find(id=target)["name"] == "tag"
    fieldset = document.find("fieldset")
    assert "tag-error" in fieldset["aria-describedby"].split()
    assert text(document.find(id="tag-error")) == "Error: Select up to 3 topics"
    ticked = [box["value"] for box in fieldset.find_all("input", checked=True)]
    assert ticked == ["a", "b", "c", "d"]
    assert card_titles(response) == ["All four"]


def test_pagination_keeps_the_tag_and_survives_bad_page_numbers(
    client, story_index, settings
):
    for n in range(14):
        StoryPageFactory(parent=story_index, title=f"Story {n}", tags=["Health"])
    first = soup(client.get("/success-stories/tag/health/"))
    next_link = first.select_one(".govuk-pagination__next a")
    assert next_link["href"] == "?page=2"
    second = client.get("/success-stories/tag/health/?page=2")
    assert card_titles(second) == ["Story 1", "Story 0"]
    assert (
        soup(second).find("link", rel="canonical")["href"]
        == "http://localhost/success-stories/tag/health/?page=2"
    )
    assert "(page 2 of 2)" in text(soup(second).title)
    for bad in ["abc", "0", "-1", "999", "1.5"]:
        response = client.get(f"/success-stories/tag/health/?page={bad}")
        assert response.status_code == 200, bad


def test_feed_is_advertised(client, tagged_stories):
    document = soup(client.get("/success-stories/tag/health/"))
    alternate = document.find("link", rel="alternate")
    assert alternate["type"] == "application/rss+xml"
    assert alternate["href"] == "/success-stories/tag/health/feed/"


def add_stories(index, count, start):
    """Many stories, quickly: straight into the tree, tags through the model."""
    for n in range(start, start + count):
        story = StoryPage(
            title=f"Bulk {n}",
            slug=f"bulk-{n}",
            summary="A summary.",
            body=[],
            live=True,
        )
        story.tags.add("Health", f"Topic {n % 7}")
        index.add_child(instance=story)


def test_query_count_does_not_grow_with_the_stories(client, story_index):
    # Both listings from one build: pages take a while to create. 200 is
    # seventeen pages of the listing and every tag many times over.
    paths = ["/success-stories/", "/success-stories/tag/health/"]
    add_stories(story_index, 10, start=0)
    small = [count_queries(client, path) for path in paths]
    add_stories(story_index, 190, start=10)
    large = [count_queries(client, path) for path in paths]
    assert large == small
    assert max(small) <= 15


def test_tags_and_totals_follow_new_stories_on_the_next_request(client, story_index):
    """Tag counts and totals are kept per content generation: a published
    story shows in both on the next request."""
    for n in range(12):
        StoryPageFactory(parent=story_index, title=f"Story {n}", tags=["Health"])
    before = soup(client.get("/success-stories/"))
    assert before.select_one(".govuk-pagination__next a") is None
    assert "(12 stories)" in text(before.find("label", attrs={"for": "tag-health"}))
    assert before.find("label", attrs={"for": "tag-libraries"}) is None

    StoryPageFactory(parent=story_index, title="Story 12", tags=["Libraries"])
    after = soup(client.get("/success-stories/"))
    assert after.select_one(".govuk-pagination__next a")["href"] == "?page=2"
    assert "(1 story)" in text(after.find("label", attrs={"for": "tag-libraries"}))
