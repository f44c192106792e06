"""The production stack under load and through a database outage, over real
HTTP on loopback: gunicorn with production settings on a private PostgreSQL
cluster (tests/reliability/stack.py). Everything is bounded: requests time
out after 15 s, runs stop by themselves, gunicorn and the cluster are always
stopped."""

import json
import random
import threading
import time
from collections import Counter

import pytest

from tests.demo_pages import PAGE_TYPES

from .client import fill_in

CONSULTATION = PAGE_TYPES["consultation"]
READS = [
    *(path for name, path in PAGE_TYPES.items() if name != "not found"),
    "/api/ocd/events/",
    "/api/ocd/actions/",
    "/have-your-say/feed/",
    "/sitemap.xml",
]
# Never answered from the page cache: each one needs the database.
UNCACHED = [
    "/have-your-say/?q=parks",
    CONSULTATION,
    "/search/?q=communities",
    "/meetings-and-decisions/decisions/?q=communities",
    "/api/ocd/events/",
]
UNAVAILABLE = b"Sorry, the service is unavailable"
BACK_WITHIN_SECONDS = 5
OUTAGE_CHECKS = 3

# The tests talk to their own cluster; the mark makes pytest-django create the
# test database, whose schema the cluster copies.
pytestmark = pytest.mark.django_db


def load(gunicorn, seconds, connections, submit_share=0.3):
    """`connections` clients, each sending one request after another for
    `seconds`: reads of public pages, and whole submissions (GET the form,
    POST it). Returns the tallies and the tokens of confirmed responses."""
    deadline = time.monotonic() + seconds
    tally, confirmed, lock = Counter(), [], threading.Lock()
    failures, seconds_taken = [], []

    def client(seed):
        chance = random.Random(seed)
        server = gunicorn.server()
        while time.monotonic() < deadline:
            began = time.monotonic()
            try:
                if chance.random() < submit_share:
                    form = fill_in(server, CONSULTATION)
                    reply = form.post(server)
                    kind = "submission"
                else:
                    path = chance.choice(READS)
                    reply = server.get(path)
                    kind = "read"
            except Exception as error:
                with lock:
                    tally["error"] += 1
                    failures.append(repr(error))
                continue
            with lock:
                seconds_taken.append(time.monotonic() - began)
                tally[kind] += 1
                tally[f"{reply.status // 100}xx"] += 1
                if reply.status >= 500:
                    failures.append(f"{kind} {reply.status}")
                if kind == "submission":
                    if reply.confirmed:
                        confirmed.append(form.token)
                    else:
                        failures.append(f"submission not confirmed: {reply.status}")

    threads = [threading.Thread(target=client, args=(n,)) for n in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=seconds + 60)
    assert not any(thread.is_alive() for thread in threads), "a client never stopped"
    seconds_taken.sort()
    tally["p50 ms"] = round(1000 * seconds_taken[len(seconds_taken) // 2])
    tally["p95 ms"] = round(1000 * seconds_taken[int(len(seconds_taken) * 0.95)])
    return tally, confirmed, failures


def stored_responses(cluster, tokens):
    total = cluster.query("SELECT count(*) FROM consultations_consultationresponse")
    ours = cluster.query(
        "SELECT count(*) FROM consultations_consultationresponse"
        " WHERE submission_token = ANY(%s::uuid[])",
        (tokens,),
    )
    return total[0][0], ours[0][0]


def check_load(production_stack, capsys, seconds, connections=32):
    cluster, gunicorn = production_stack
    before, _ = stored_responses(cluster, [])
    started = time.monotonic()
    tally, confirmed, failures = load(gunicorn, seconds, connections)
    elapsed = time.monotonic() - started
    after, ours = stored_responses(cluster, confirmed)
    with capsys.disabled():
        print(
            f"\nload: {seconds}s at {connections} connections took {elapsed:.1f}s:"
            f" {tally['read']} reads, {tally['submission']} submissions"
            f" ({len(confirmed)} confirmed, {after - before} stored),"
            f" statuses {dict(sorted((k, v) for k, v in tally.items() if 'xx' in k))},"
            f" {tally['error']} connection errors; a read or a whole submission"
            f" took {tally['p50 ms']} ms (median), {tally['p95 ms']} ms (95th)"
        )
    assert not failures, failures[:20]
    assert tally["submission"] > 0 and tally["read"] > 0
    assert len(set(confirmed)) == len(confirmed)
    assert after - before == len(confirmed) == ours


def test_ten_seconds_of_mixed_load_has_no_errors_and_loses_no_response(
    production_stack, capsys
):
    check_load(production_stack, capsys, seconds=10)


@pytest.mark.soak
def test_a_minute_of_mixed_load_has_no_errors_and_loses_no_response(
    production_stack, capsys
):
    check_load(production_stack, capsys, seconds=60)


def assert_unavailable(reply, path):
    assert reply.status == 503, (path, reply.status, reply.body[:300])
    if path == "/health/":
        assert json.loads(reply.body) == {
            "status": "unavailable",
            "database": "unavailable",
        }
        return
    assert UNAVAILABLE in reply.body, path
    assert b"Traceback" not in reply.body
    assert reply.headers["Retry-After"]


def test_a_database_restart_gives_503_pages_then_service_without_an_app_restart(
    production_stack, capsys
):
    cluster, gunicorn = production_stack
    server = gunicorn.server()
    master = gunicorn.process.pid

    # A little load first, so that every worker holds a database connection.
    _, _, failures = load(gunicorn, seconds=3, connections=8)
    assert not failures, failures[:20]

    cluster.stop(mode="fast")
    try:
        for _ in range(OUTAGE_CHECKS):  # several workers answer in turn
            for path in [*UNCACHED, "/health/"]:
                assert_unavailable(server.get(path), path)
        # A page already in the cache may still be served; nothing else is.
        reply = server.get("/")
        assert reply.status == 503 or reply.headers["X-Cache"] == "hit"
    finally:
        cluster.start()
    back = time.monotonic()

    while True:
        waited = time.monotonic() - back
        statuses = [server.get(path).status for path in UNCACHED]
        if statuses == [200] * len(UNCACHED):
            break
        assert waited < BACK_WITHIN_SECONDS, (
            f"still {statuses} {waited:.1f}s after the database came back"
        )
        time.sleep(0.1)
    with capsys.disabled():
        print(f"\noutage: serving again {waited:.2f}s after PostgreSQL came back")
    # Every worker serves again, not only the first to answer.
    for _ in range(OUTAGE_CHECKS):
        for path in [*UNCACHED, "/health/"]:
            assert server.get(path).status == 200, path
    assert gunicorn.process.poll() is None and gunicorn.process.pid == master
