"""Pieces of `make bench` (core/management/commands/bench_site.py) that do not
need a running server: the bare 20 KB view used as the machine's ceiling, the
wrk output parser, and wrk's Lua script for the consultation-response load.

The bare view is routed only when ENGAGE_BENCH_VIEW is set (config/urls.py),
which only `scripts/bench` does."""

import re
from dataclasses import dataclass

from django.http import HttpResponse

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
