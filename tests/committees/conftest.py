import pytest

from committees.factories import CommitteeIndexPageFactory


@pytest.fixture
def index(home_page):
    """The "Meetings and decisions" section under the test home page."""
    return CommitteeIndexPageFactory(parent=home_page)
