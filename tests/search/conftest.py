import pytest


@pytest.fixture
def search_updates(settings):
    """Index pages as they are saved, as the site does outside the tests."""
    settings.WAGTAILSEARCH_BACKENDS = {
        "default": {**settings.WAGTAILSEARCH_BACKENDS["default"], "AUTO_UPDATE": True}
    }
