"""Pieces of `make bench` (core/management/commands/bench_site.py) and `make
vitals` (web_vitals.py): the bare 20 KB view used as the machine's ceiling, the
wrk output parser, wrk's Lua script for the consultation-response load, and
gunicorn with the production settings on a loopback port.

The bare view is routed only when ENGAGE_BENCH_VIEW is set (config/urls.py),
which only `scripts/bench` does."""

import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.management.base import CommandError
from django.http import HttpResponse

HOST = "127.0.0.1"

BARE_PAGE_SIZE = 20 * 1024


def _bare_html(size: int) -> bytes:
    head = (
        '<!DOCTYPE html>\n<html lang="en-GB"><head><meta charset="utf-8">'
        "<title>Bench</title></head><body><main>\n"
    )
    tail = "</main></body></html>\n"
    paragraph = "<p>" + "The quick brown fox jumps over the lazy dog. " * 4 + "</p>\n"
    body = paragraph * ((size - len(head) - len(tail)) // len(paragraph) + 1)
    html = head + body[: size - len(head) - len(tail)] + tail
    return html.encode()


BARE_HTML = _bare_html(BARE_PAGE_SIZE)


def bare_page(request):
    """The least a Django view can do for a 20 KB page: no database, no
    template, the same middleware as every page."""
    return HttpResponse(BARE_HTML, content_type="text/html; charset=utf-8")


# wrk -------------------------------------------------------------------------

_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}
_LATENCY = re.compile(r"^\s*(50|75|90|99)(?:\.0+)?%\s+([\d.]+)(us|ms|s|m)\s*$", re.M)
_RATE = re.compile(r"^Requests/sec:\s+([\d.]+)", re.M)
_TOTAL = re.compile(r"^\s*(\d+) requests in ([\d.]+)(us|ms|s|m)", re.M)
_NON_2XX = re.compile(r"Non-2xx or 3xx responses:\s+(\d+)")
_SOCKET = re.compile(
    r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)"
)


@dataclass
class WrkResult:
    requests: int
    seconds: float
    rate: float
    p50_ms: float | None
    p99_ms: float | None
    non_2xx_3xx: int
    socket_errors: int

    @property
    def errors(self) -> int:
        return self.non_2xx_3xx + self.socket_errors


def parse_wrk(output: str) -> WrkResult:
    """Figures from `wrk --latency` output. Raises ValueError if the output
    has no request rate (wrk failed to connect, say)."""
    rate = _RATE.search(output)
    total = _TOTAL.search(output)
    if not rate or not total:
        raise ValueError(f"Not wrk output with a request rate:\n{output}")
    latency = {
        percent: float(value) * _UNITS[unit]
        for percent, value, unit in _LATENCY.findall(output)
    }
    non_2xx = _NON_2XX.search(output)
    socket = _SOCKET.search(output)
    return WrkResult(
        requests=int(total.group(1)),
        seconds=float(total.group(2)) * _UNITS[total.group(3)] / 1000,
        rate=float(rate.group(1)),
        p50_ms=latency.get("50"),
        p99_ms=latency.get("99"),
        non_2xx_3xx=int(non_2xx.group(1)) if non_2xx else 0,
        socket_errors=sum(map(int, socket.groups())) if socket else 0,
    )


def lua_string(value: str) -> str:
    """A Lua long-bracket string literal holding `value` unchanged."""
    level = 0
    while f"]{'=' * level}]" in value:
        level += 1
    eq = "=" * level
    return f"[{eq}[{value}]{eq}]"


def post_script(body_before: str, body_after: str, cookie: str) -> str:
    """wrk script that POSTs the form body with a new UUID v4 between the two
    halves on every request, so each request is a new response, not a retry."""
    return f"""-- Written by core.benchmarking.post_script for `make bench`.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Cookie"] = {lua_string(cookie)}
local before = {lua_string(body_before)}
local after = {lua_string(body_after)}
local counter = 1
function setup(thread)
  thread:set("id", counter)
  counter = counter + 1
end
function init(args)
  math.randomseed(os.time() * 1000 + (id or 0) * 7919)
end
local function uuid4()
  local template = "xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx"
  return (template:gsub("[xy]", function(c)
    local v = (c == "x") and math.random(0, 15) or math.random(8, 11)
    return string.format("%x", v)
  end))
end
function request()
  return wrk.format(nil, nil, nil, before .. uuid4() .. after)
end
"""


# The production stack on loopback --------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def fetch(url: str, timeout: float = 30):
    """(status, headers, body) of a GET, without following redirects."""

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(url, timeout=timeout) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


class Server:
    """gunicorn with config/gunicorn.py and the production settings."""

    def __init__(self, page_cache_seconds: int, workers: int, log_dir: Path):
        self.port = free_port()
        self.base = f"http://{HOST}:{self.port}"
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.settings.production",
            "GUNICORN_BIND": f"{HOST}:{self.port}",
            "GUNICORN_WORKERS": str(workers),
            "GUNICORN_MAX_REQUESTS": os.environ.get("GUNICORN_MAX_REQUESTS", "0"),
            "PAGE_CACHE_SECONDS": str(page_cache_seconds),
            "ENGAGE_BENCH_VIEW": "true",
            "CONSULTATION_MIN_FILL_SECONDS": "0",
            "CONSULTATION_RATE_LIMIT": str(10**9),
            "SECURE_SSL_REDIRECT": "false",
        }
        self.log_path = log_dir / f"gunicorn-cache-{page_cache_seconds}.log"
        self.log = self.log_path.open("wb")
        gunicorn = Path(sys.executable).with_name("gunicorn")
        self.process = subprocess.Popen(  # noqa: S603 (our own command line)
            [str(gunicorn), "-c", "config/gunicorn.py", "config.wsgi"],
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            cwd=settings.BASE_DIR,
        )

    def wait_ready(self, seconds: float = 60) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise CommandError(f"gunicorn exited: see {self.log_path}")
            try:
                if fetch(self.base + "/health/", timeout=5)[0] == 200:
                    return
            except OSError:
                pass
            time.sleep(0.3)
        raise CommandError(f"gunicorn did not answer in {seconds} s: {self.log_path}")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log.close()
