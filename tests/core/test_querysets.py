import pytest
from wagtail.models import Page, PageViewRestriction

from core.querysets import public_pages
from home.factories import StandardPageFactory

pytestmark = pytest.mark.django_db


def test_public_leaves_out_restricted_pages_and_their_descendants(home_page):
    open_page = StandardPageFactory(parent=home_page, title="Open")
    private = StandardPageFactory(parent=home_page, title="Private")
    under_private = StandardPageFactory(parent=private, title="Under private")
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.LOGIN
    )
    titles = set(
        public_pages().descendant_of(home_page).public().values_list("title", flat=True)
    )
    assert titles == {"Open"}
    assert open_page.title in titles
    assert under_private.title not in titles


def test_public_agrees_with_wagtail(home_page):
    private = StandardPageFactory(parent=home_page, title="Private")
    StandardPageFactory(parent=private, title="Under private")
    StandardPageFactory(parent=home_page, title="Open")
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    ours = set(public_pages().public().values_list("pk", flat=True))
    assert ours == set(Page.objects.public().values_list("pk", flat=True))


@pytest.mark.parametrize(
    "listed, index",
    [
        ("consultations.ConsultationPage", "consultations.ConsultationIndexPage"),
        ("stories.StoryPage", "stories.StoryIndexPage"),
    ],
)
def test_under_index_is_only_used_where_it_means_child_of(listed, index):
    """under_index() reads every page below the index: the same as its
    children only while the listed type can sit nowhere but directly under
    that index and has nothing below it (so no index can be below another)."""
    from django.apps import apps

    listed_model, index_model = apps.get_model(listed), apps.get_model(index)
    assert listed_model.allowed_parent_page_models() == [index_model]
    assert listed_model.allowed_subpage_models() == []
    assert index_model.allowed_subpage_models() == [listed_model]
