"""Who a client is behind the load balancer, and counts that always end."""

import datetime

import pytest
from django.core.cache import cache
from django.test import RequestFactory
from freezegun import freeze_time

from core.throttling import client_address, count_in_window

LOAD_BALANCER = "10.0.0.2"


def request_from(remote, forwarded=None):
    headers = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded is not None else {}
    return RequestFactory().get("/", REMOTE_ADDR=remote, **headers)


def test_without_proxies_the_connecting_address_counts_and_the_header_is_ignored(
    settings,
):
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_address(request_from("203.0.113.9", "198.51.100.1")) == (
        "203.0.113.9"
    )


@pytest.mark.parametrize(
    "proxies, forwarded, expected",
    [
        # The load balancer appends the address it was sent from; anything to
        # its left came from the client, who may have written it to dodge a limit.
        (1, "203.0.113.9", "203.0.113.9"),
        (1, "198.51.100.1, 203.0.113.9", "203.0.113.9"),
        (1, " 198.51.100.1 ,203.0.113.9 ", "203.0.113.9"),
        (2, "198.51.100.1, 203.0.113.9, 10.0.0.3", "203.0.113.9"),
        # Fewer entries than proxies: not through them all, so the connecting one.
        (2, "203.0.113.9", LOAD_BALANCER),
        (1, "", LOAD_BALANCER),
        (1, None, LOAD_BALANCER),
    ],
)
def test_behind_proxies_the_address_the_outermost_one_saw_counts(
    settings, proxies, forwarded, expected
):
    settings.TRUSTED_PROXY_COUNT = proxies
    assert client_address(request_from(LOAD_BALANCER, forwarded)) == expected


def test_a_count_runs_for_its_window_then_starts_again():
    with freeze_time("2026-11-24 12:00:00") as clock:
        assert [count_in_window("test-count", 60) for _ in range(3)] == [1, 2, 3]
        clock.tick(datetime.timedelta(seconds=61))
        assert count_in_window("test-count", 60) == 1


def test_a_count_made_without_an_expiry_is_given_one():
    # What Redis does when the window ends between Django's check that the key
    # exists and its increment: the increment makes a key that never expires.
    with freeze_time("2026-11-24 12:00:00") as clock:
        cache.set("test-count", 0, timeout=None)
        assert count_in_window("test-count", 60) == 1
        clock.tick(datetime.timedelta(seconds=61))
        assert cache.get("test-count") is None
