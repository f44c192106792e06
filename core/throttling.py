"""What the site's throttles (consultation responses, staff sign-in) share: who
the client is, and a count kept in the cache for a window of time."""

from django.conf import settings
from django.core.cache import cache


def client_address(request) -> str:
    """The address the request came from.

    Behind TRUSTED_PROXY_COUNT proxies (a load balancer that terminates TLS is
    one), the connecting address is the innermost proxy's, the same for every
    resident; each proxy appends the address it was sent from to
    X-Forwarded-For, so the client's is that many places from the right.
    Entries further left were written by the client and could be anything."""
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies:
        forwarded = [
            part.strip()
            for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if part.strip()
        ]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")


def count_in_window(key: str, window: int) -> int:
    """Add one to the count kept at `key`, which starts at 1 and lasts `window`
    seconds from then, and return it. One round trip to the cache while the
    window runs."""
    try:
        count = cache.incr(key)
    except ValueError:  # no count yet, or its window has just ended
        if cache.add(key, 1, timeout=window):
            return 1
        count = cache.incr(key)  # another request started one first
    if count == 1:
        # The window ended between the cache's check that the key exists and
        # its increment, which then started a count with no expiry (Redis):
        # without this, the client would stay counted for ever.
        cache.touch(key, window)
    return count
