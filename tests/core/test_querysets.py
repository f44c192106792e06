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
