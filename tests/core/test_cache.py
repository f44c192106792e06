"""The site without its shared cache (core.cache): pages, publishing and
responses go on, uncached, and a purge the cache refused is made later."""

import pytest
from django.core.cache import cache
from django.core.cache.backends.locmem import LocMemCache

from consultations.factories import (
    ConsultationIndexPageFactory,
    ConsultationPageFactory,
)
from consultations.submissions import ConsultationResponse
from core import cache as fail_safe
from core import content_generation
from core.cache import CacheAway, FailSafeCacheMixin
from home.factories import StandardPageFactory
from tests.consultations.conftest import DAY, NOW, answers, questions

pytestmark = pytest.mark.django_db


class Unreachable(LocMemCache):
    """A local cache whose server can be taken away, counting the calls that
    reach it while away."""

    away = False
    calls_while_away = 0

    def _reach(self):
        if Unreachable.away:
            Unreachable.calls_while_away += 1
            raise ConnectionRefusedError("Connection refused")

    def get(self, *args, **kwargs):
        self._reach()
        return super().get(*args, **kwargs)

    def set(self, *args, **kwargs):
        self._reach()
        return super().set(*args, **kwargs)

    def add(self, *args, **kwargs):
        self._reach()
        return super().add(*args, **kwargs)

    def incr(self, *args, **kwargs):
        self._reach()
        return super().incr(*args, **kwargs)

    def delete(self, *args, **kwargs):
        self._reach()
        return super().delete(*args, **kwargs)


class FailSafeUnreachable(FailSafeCacheMixin, Unreachable):
    pass


@pytest.fixture
def redis_away(settings, monkeypatch):
    """The site's cache, fail-safe as production's Redis is, then taken away."""
    settings.CACHES = {
        "default": {"BACKEND": f"{__name__}.FailSafeUnreachable", "LOCATION": "t"}
    }
    monkeypatch.setattr(Unreachable, "away", False)
    monkeypatch.setattr(Unreachable, "calls_while_away", 0)
    monkeypatch.setattr(FailSafeUnreachable, "_resting_until", 0.0)
    yield Unreachable
    Unreachable.away = False


def test_a_cache_that_is_away_answers_as_an_empty_one_and_is_left_alone(redis_away):
    cache.set("kept", "value")
    redis_away.away = True
    assert cache.get("kept") is None
    assert cache.set("kept", "new") is False
    assert cache.add("other", 1) is False
    with pytest.raises(CacheAway):
        cache.incr("kept")
    # Only the first call waited on the server; the rest did without it.
    assert redis_away.calls_while_away == 1


def test_after_its_rest_the_cache_is_tried_again(redis_away, monkeypatch):
    now = fail_safe.time.monotonic()
    monkeypatch.setattr(fail_safe.time, "monotonic", lambda: now)
    redis_away.away = True
    assert cache.get("kept") is None
    redis_away.away = False
    cache.set("kept", "value")  # still resting: dropped
    assert cache.get("kept") is None
    later = now + fail_safe.REST_SECONDS + 1
    monkeypatch.setattr(fail_safe.time, "monotonic", lambda: later)
    cache.set("kept", "value")
    assert cache.get("kept") == "value"


def test_a_missing_count_is_not_an_outage(redis_away):
    with pytest.raises(ValueError):
        cache.incr("no-such-count")
    cache.set("kept", "value")
    assert cache.get("kept") == "value"


def test_the_site_serves_and_publishes_while_the_cache_is_away(
    client, home_page, redis_away
):
    page = StandardPageFactory(parent=home_page, slug="parking", title="Parking")
    redis_away.away = True
    # Wagtail itself asks the cache on every page (its sites' root paths).
    assert client.get("/").status_code == 200
    assert client.get("/parking/").status_code == 200
    page.title = "Parking permits"
    page.save_revision().publish()
    assert "Parking permits" in client.get("/parking/").text


def test_a_response_sent_while_the_cache_is_away_is_stored(
    client, home_page, redis_away, settings
):
    settings.CONSULTATION_MIN_FILL_SECONDS = 0
    consultation = ConsultationPageFactory(
        parent=ConsultationIndexPageFactory(parent=home_page),
        opens_at=NOW - DAY,
        closes_at=NOW + 30 * DAY,
        form_fields=questions(),
    )
    redis_away.away = True
    response = client.post(consultation.url, answers())
    assert response.status_code == 302
    assert ConsultationResponse.objects.count() == 1


def test_a_purge_the_cache_refused_is_made_at_the_next_request(
    client, home_page, redis_away, monkeypatch
):
    client.get("/")
    before = content_generation.current()
    redis_away.away = True
    content_generation.bump()  # something published while the cache was away
    redis_away.away = False
    monkeypatch.setattr(FailSafeUnreachable, "_resting_until", 0.0)
    assert content_generation.current() == before  # not replaced yet
    client.get("/")
    assert content_generation.current() != before
