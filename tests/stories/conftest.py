import pytest

from stories.factories import StoryIndexPageFactory


@pytest.fixture
def story_index(home_page):
    return StoryIndexPageFactory(parent=home_page)


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    """Images the tests upload (and their renditions) go to a throwaway
    folder, not the developer's media/."""
    settings.MEDIA_ROOT = tmp_path / "media"
