"""A shared cache the site can do without.

Django's Redis cache raises when Redis is away, and Wagtail asks the cache on
every page (the sites' root paths, for every link) and on every publish: a
Redis outage would be a site outage. Here a cache that fails answers as an
empty one for a few seconds (reads find nothing, writes are dropped), then is
tried again, so the site runs uncached meanwhile and a hung Redis costs one
timeout every few seconds, not one per call.

Two kinds of call still say they failed, because their callers must know:
`incr` raises CacheAway (the throttles decide what an uncountable attempt
gets), and `set` returns False (core.content_generation makes a purge again
that the cache did not take)."""

import logging
import time

from django.core.cache.backends.redis import RedisCache

logger = logging.getLogger(__name__)

# How long a cache that failed is left alone before it is tried again.
REST_SECONDS = 5


class CacheAway(Exception):
    pass


class FailSafeCacheMixin:
    """Put before a cache backend class (see the module); `failures` are the
    errors of its server being away (a missing key's ValueError is not)."""

    failures = (OSError,)
    _resting_until = 0.0

    def _call(self, operation, fallback, *args, **kwargs):
        if time.monotonic() < self._resting_until:
            return fallback
        try:
            return operation(*args, **kwargs)
        except self.failures:
            type(self)._resting_until = time.monotonic() + REST_SECONDS
            logger.warning(
                "The cache failed: going on without it for %s seconds",
                REST_SECONDS,
                exc_info=True,
            )
            return fallback

    def get(self, key, default=None, version=None):
        return self._call(super().get, default, key, default, version)

    def get_many(self, keys, version=None):
        return self._call(super().get_many, {}, keys, version)

    def has_key(self, key, version=None):
        return self._call(super().has_key, False, key, version)

    def add(self, key, value, timeout=None, version=None, **kwargs):
        return self._call(super().add, False, key, value, timeout, version)

    def set(self, key, value, timeout=None, version=None, **kwargs):
        stored = self._call(super().set, False, key, value, timeout, version)
        return stored is not False

    def set_many(self, data, timeout=None, version=None, **kwargs):
        return self._call(super().set_many, list(data), data, timeout, version)

    def touch(self, key, timeout=None, version=None):
        return self._call(super().touch, False, key, timeout, version)

    def delete(self, key, version=None):
        return self._call(super().delete, False, key, version)

    def delete_many(self, keys, version=None):
        return self._call(super().delete_many, None, keys, version)

    def clear(self):
        return self._call(super().clear, None)

    def incr(self, key, delta=1, version=None):
        away = object()
        result = self._call(super().incr, away, key, delta, version)
        if result is away:
            raise CacheAway("The cache could not count")
        return result


class FailSafeRedisCache(FailSafeCacheMixin, RedisCache):
    @property
    def failures(self):
        import redis  # the `redis` extra, there wherever this cache is used

        return (redis.exceptions.RedisError, OSError)
