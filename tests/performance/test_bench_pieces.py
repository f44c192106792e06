"""The parts of `make bench` that need no gunicorn: the wrk output parser, the
Lua string quoting of its POST script, the bare view's flag, and the
comparison with Wagtail's demo (against a small real HTTP server)."""

import http.server
import importlib
import io
import threading

import pytest
from django.core.management.base import CommandError
from django.test import RequestFactory
from django.urls import clear_url_caches, resolve

import config.urls
from core.benchmarking import (
    BARE_PAGE_SIZE,
    HOST,
    WrkResult,
    bare_page,
    free_port,
    lua_string,
    parse_wrk,
    post_script,
)
from core.management.commands.bench_site import DEMO_COUNTERPARTS, Command, Target

# wrk 4.1.0 (Debian 12) against a server answering 404, captured as is.
WRK_404 = """\
Running 1s test @ http://127.0.0.1:18765/nothere
  2 threads and 8 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     3.25ms    3.08ms  31.05ms   90.44%
    Req/Sec   810.20    554.71     1.76k    50.00%
  Latency Distribution
     50%    2.26ms
     75%    3.71ms
     90%    6.29ms
     99%   16.77ms
  1616 requests in 1.01s, 820.62KB read
  Non-2xx or 3xx responses: 1616
Requests/sec:   1603.48
Transfer/sec:    814.27KB
"""

# The same shape with a slow tail, socket errors and no refusals.
WRK_SLOW = """\
Running 10s test @ http://127.0.0.1:8000/
  2 threads and 8 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency   250.10ms  120.00ms   2.10s    80.00%
    Req/Sec    16.00      5.00    30.00     70.00%
  Latency Distribution
     50%  210.50ms
     75%  280.00ms
     90%  400.00ms
     99%    1.50s
  320 requests in 10.02s, 6.40MB read
  Socket errors: connect 0, read 2, write 0, timeout 3
Requests/sec:     31.94
Transfer/sec:    654.00KB
"""


def test_parses_rate_latency_and_refusals():
    result = parse_wrk(WRK_404)
    assert result.requests == 1616
    assert result.seconds == pytest.approx(1.01)
    assert result.rate == pytest.approx(1603.48)
    assert result.p50_ms == pytest.approx(2.26)
    assert result.p99_ms == pytest.approx(16.77)
    assert result.non_2xx_3xx == 1616
    assert result.errors == 1616


def test_parses_seconds_and_socket_errors():
    result = parse_wrk(WRK_SLOW)
    assert result.p50_ms == pytest.approx(210.5)
    assert result.p99_ms == pytest.approx(1500)
    assert result.non_2xx_3xx == 0
    assert result.socket_errors == 5


def test_refuses_output_without_a_rate():
    with pytest.raises(ValueError, match="request rate"):
        parse_wrk("unable to connect to 127.0.0.1:1 Connection refused\n")


def test_lua_strings_hold_closing_brackets():
    assert lua_string("a=1&b=2") == "[[a=1&b=2]]"
    assert lua_string("x]]y") == "[=[x]]y]=]"
    script = post_script("a=1&engage_token=", "", "csrftoken=abc")
    assert "[[a=1&engage_token=]]" in script
    assert 'wrk.headers["Cookie"] = [[csrftoken=abc]]' in script


def test_bare_page_is_20_kb_of_html():
    response = bare_page(RequestFactory().get("/bench/bare/"))
    assert len(response.content) == BARE_PAGE_SIZE
    assert response.content.startswith(b"<!DOCTYPE html>")
    assert response.content.rstrip().endswith(b"</html>")


def _reload_urls():
    importlib.reload(config.urls)
    clear_url_caches()


def test_bare_view_is_routed_only_when_flagged(settings):
    assert settings.ENGAGE_BENCH_VIEW is False
    # Without the flag the path falls through to Wagtail's page view.
    assert resolve("/bench/bare/").url_name == "wagtail_serve"
    try:
        settings.ENGAGE_BENCH_VIEW = True
        _reload_urls()
        assert resolve("/bench/bare/").url_name == "bench_bare"
    finally:
        settings.ENGAGE_BENCH_VIEW = False
        _reload_urls()


def test_every_page_type_benched_has_a_demo_counterpart(demo_site):
    kinds = {target.kind for target in Command().targets()}
    assert kinds == set(DEMO_COUNTERPARTS)


def _rate(rate, errors=0):
    return WrkResult(
        requests=int(rate * 10),
        seconds=10.0,
        rate=rate,
        p50_ms=1.0,
        p99_ms=2.0,
        non_2xx_3xx=errors,
        socket_errors=0,
    )


def test_reports_each_page_type_against_its_demo_counterpart():
    home, story = Target("home", "/"), Target("story", "/success-stories/a/")
    home.uncached, story.uncached = _rate(200.0), _rate(100.0)
    demo = {"/": _rate(40.0), "/blog/wild-yeast/": _rate(50.0, errors=3)}
    out = io.StringIO()
    command = Command(stdout=out)
    command.report_demo([home, story], demo, lambda ok: "ok" if ok else "FAIL")
    lines = {line.split()[0]: line for line in out.getvalue().splitlines() if line}
    assert lines["home"].split()[-2:] == ["5.0", "ok"]
    assert "/blog/wild-yeast/" in lines["story"]
    assert lines["story"].split()[-4:] == ["2.0", "FAIL", "(3", "errors)"]


class _NotFound(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        self.send_error(404)

    def log_message(self, *args):
        pass


def test_a_demo_page_that_does_not_answer_stops_the_bench():
    server = http.server.ThreadingHTTPServer((HOST, 0), _NotFound)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        base = f"http://{HOST}:{server.server_address[1]}"
        with pytest.raises(CommandError, match=r"demo's .*/ answered 404"):
            Command().drive_demo(base)
    finally:
        server.shutdown()
        server.server_close()
    with pytest.raises(CommandError, match="did not answer"):
        Command().drive_demo(f"http://{HOST}:{free_port()}")


def test_a_demo_address_without_its_scheme_gets_a_message():
    with pytest.raises(CommandError, match="Give the whole address"):
        Command.check_demo_page(f"{HOST}:{free_port()}", "/")
