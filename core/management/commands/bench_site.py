"""Drive the production stack with wrk and print one table against issue 7's
targets. `make bench` runs it through scripts/bench, which starts a throwaway
PostgreSQL, migrates, loads the scale data and collects static files first;
run it by hand only against a database you can fill with responses.

Why this shape: a management command can find one URL of each page type and
count its queries with Django's test Client against the very database gunicorn
uses, then start gunicorn (config/gunicorn.py, production settings) itself, so
the whole benchmark is one process with one clean-up path.

What it does, in order:

0. ANALYZEs the database, so the planner has the statistics a live one has.
1. Picks one URL per public page type from the database and, in this process
   with the page cache off, counts its queries (the second of two requests,
   Client + CaptureQueriesContext), then after five more (so repeated
   statements are prepared, as on a running server) times fifteen renders
   (median).
2. Starts gunicorn with PAGE_CACHE_SECONDS=0 on a free loopback port, warms
   every URL, runs wrk on each for BENCH_DURATION seconds with
   BENCH_CONNECTIONS connections, then the bare 20 KB view (the ceiling), then
   POSTs valid responses to an open consultation (a new form token per
   request; counted as rows stored, before and after). Stops gunicorn.
3. With --demo (BENCH_DEMO_URL): warms and drives Wagtail's own demo site,
   already running at that address, on the page comparable with each of ours
   (DEMO_COUNTERPARTS), with the same wrk settings, straight after our
   uncached figures: issue 7 sets the uncached target as a ratio to the demo,
   and these machines drift too much to compare runs taken apart.
4. Starts a second gunicorn with PAGE_CACHE_SECONDS=300, warms every URL
   twice (the second answer must say `X-Cache: hit` where the page is
   cacheable), runs wrk on each again, then the bare view again, which is the
   ceiling the cached figures are compared with.

Two servers one after the other, rather than a cache-bypassing header, so the
uncached figures go through exactly the production code path with nothing
added to it. The page cache is each worker's local memory (no CACHE_URL):
each worker warms its own copy, and gunicorn's max_requests restarts are off
(GUNICORN_MAX_REQUESTS=0) so a restart cannot empty one mid-run. Response
forms' defences are relaxed through their settings: no minimum fill time and
no per-client rate limit (every request comes from 127.0.0.1).
"""

import os
import re
import shutil
import statistics
import subprocess
import tempfile
import time
from dataclasses import dataclass
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings
from django.utils import timezone

from committees.enums import MinutesStatus
from committees.models import AgendaItemPage, CommitteeIndexPage, MeetingPage
from consultations.enums import ConsultationStatus
from consultations.forms import FIXED_FIELDS, HONEYPOT, STARTED, TOKEN
from consultations.models import ConsultationIndexPage, ConsultationPage
from consultations.submissions import ConsultationResponse
from core.benchmarking import HOST, Server, WrkResult, fetch, parse_wrk, post_script
from stories.models import StoryIndexPage, StoryPage

# Issue 7's targets.
MAX_QUERIES = 15
# Wagtail's demo home page: about 34 requests a second on this kind of
# machine with 2 workers and 8 connections; five times that.
DEMO_RATE = 34
MIN_UNCACHED_RATE = 5 * DEMO_RATE
MAX_MEDIAN_RENDER_MS = 10
RENDER_WARMUPS = 5
RENDER_SAMPLES = 15
MIN_CACHED_SHARE = 0.70
MIN_STORED_RATE = 100
MIN_DEMO_RATIO = 5

# The page of Wagtail's demo (wagtail/bakerydemo, with its own demo data) that
# each of ours is compared with: home with home; a listing with the blog
# index; a story with a blog post; a consultation with a recipe (a body with
# structured parts); a meeting and an agenda item with a bread page (fields
# and related records); search with search.
DEMO_COUNTERPARTS = {
    "home": "/",
    "hub": "/blog/",
    "consultation (open)": "/recipes/hot-cross-bun/",
    "consultation (outcome)": "/recipes/hot-cross-bun/",
    "meeting": "/breads/anadama-bread/",
    "agenda item": "/breads/anadama-bread/",
    "decisions register": "/blog/",
    "action tracker": "/blog/",
    "story index": "/blog/",
    "story": "/blog/wild-yeast/",
    "search": "/search/?q=bread",
}


@dataclass
class Target:
    kind: str
    path: str
    queries: int | None = None
    render_ms: float | None = None
    uncached: WrkResult | None = None
    cached: WrkResult | None = None
    cache_state: str = ""


class Command(BaseCommand):
    help = (
        "Benchmark every public page type under gunicorn with wrk, uncached and "
        "cached, plus response submissions and a bare 20 KB view (make bench)."
    )

    def add_arguments(self, parser):
        env = os.environ.get
        parser.add_argument(
            "--duration", type=int, default=int(env("BENCH_DURATION", 10))
        )
        parser.add_argument(
            "--connections", type=int, default=int(env("BENCH_CONNECTIONS", 8))
        )
        parser.add_argument("--threads", type=int, default=int(env("BENCH_THREADS", 2)))
        parser.add_argument(
            "--workers", type=int, default=int(env("GUNICORN_WORKERS", 2))
        )
        parser.add_argument(
            "--demo",
            default=env("BENCH_DEMO_URL", ""),
            metavar="URL",
            help="Where Wagtail's demo (bakerydemo) is running, e.g. "
            "http://127.0.0.1:8500, to compare with it in the same run.",
        )

    def handle(self, *args, duration, connections, threads, workers, demo, **options):
        self.duration, self.connections = duration, connections
        self.threads = max(1, min(threads, connections))
        if not shutil.which("wrk"):
            raise CommandError(
                "wrk is not installed: `apt-get install wrk` (scripts/bench does "
                "it when run as root)."
            )
        if connection.vendor == "postgresql":
            # Freshly loaded tables have no planner statistics until autovacuum
            # gets round to them; a live database has. Without them the
            # decisions register alone was eight times slower.
            started = time.perf_counter()
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
            self.stdout.write(f"ANALYZE took {time.perf_counter() - started:.1f} s.")
        else:
            self.stderr.write("Warning: not PostgreSQL; figures mean little.")
        demo = demo.rstrip("/")
        if demo:
            for path in dict.fromkeys(DEMO_COUNTERPARTS.values()):
                self.check_demo_page(demo, path)
        targets = self.targets()
        self.count_queries(targets)
        open_page = self.open_consultation()
        log_dir = Path(tempfile.mkdtemp(prefix="engage-bench-"))
        load = os.getloadavg()
        self.stdout.write(
            f"wrk: {duration} s per URL, {connections} connections, "
            f"{self.threads} threads; gunicorn: {workers} workers; "
            f"load average before: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}"
        )

        bare_uncached, stored = self.drive(
            Server(0, workers, log_dir),
            targets,
            "uncached",
            then=lambda server: self.submissions(server, open_page),
        )
        demo_results = self.drive_demo(demo) if demo else {}
        bare, _ = self.drive(Server(300, workers, log_dir), targets, "cached")

        load_after = os.getloadavg()
        self.report(targets, bare_uncached, bare, stored, demo_results)
        self.stdout.write(
            f"Load average after: {load_after[0]:.2f} {load_after[1]:.2f} "
            f"{load_after[2]:.2f}; gunicorn logs in {log_dir}"
        )

    # Choosing pages ------------------------------------------------------------

    def targets(self) -> list[Target]:
        now = timezone.now()
        hub = ConsultationIndexPage.objects.live().public().first()
        committees = CommitteeIndexPage.objects.live().public().first()
        stories = StoryIndexPage.objects.live().public().first()
        consultations = ConsultationPage.objects.live().public()
        closed = consultations.with_status(ConsultationStatus.OUTCOME_PUBLISHED, now)
        # The most recent past meeting whose minutes are out: a full page. (A
        # meeting held earlier today may have no minutes yet, and so shows
        # little but its agenda.)
        meeting = (
            MeetingPage.objects.live()
            .public()
            .filter(starts_at__lt=now, minutes_status__in=MinutesStatus.published())
            .order_by("-starts_at")
            .first()
        )
        item = (
            AgendaItemPage.objects.live().public().descendant_of(meeting).first()
            if meeting
            else None
        )
        story = StoryPage.objects.live().public().order_by("-first_published_at")
        pages = [
            ("home", "/"),
            ("hub", hub and hub.url),
            ("consultation (open)", self.open_consultation().url),
            ("consultation (outcome)", self.url_of(closed.first())),
            ("meeting", self.url_of(meeting)),
            ("agenda item", self.url_of(item)),
            ("decisions register", committees and committees.url + "decisions/"),
            ("action tracker", committees and committees.url + "actions/"),
            ("story index", stories and stories.url),
            ("story", self.url_of(story.first())),
            ("search", "/search/?" + urlencode({"q": "park"})),
        ]
        missing = [kind for kind, path in pages if not path]
        if missing:
            raise CommandError(
                f"No page for {', '.join(missing)}: load the scale data first "
                "(manage.py generate_scale_data)."
            )
        return [Target(kind, path) for kind, path in pages]

    @staticmethod
    def url_of(page):
        return page.url if page else None

    def open_consultation(self) -> ConsultationPage:
        page = (
            ConsultationPage.objects.live()
            .public()
            .with_status(ConsultationStatus.OPEN, timezone.now())
            .order_by("closes_at")
            .last()
        )
        if page is None:
            raise CommandError("No open consultation to send responses to.")
        return page.specific

    # Measuring -----------------------------------------------------------------

    def count_queries(self, targets) -> None:
        client = Client(HTTP_HOST=HOST)
        with override_settings(PAGE_CACHE_SECONDS=0):
            for target in targets:
                response = client.get(target.path)
                if response.status_code != 200:
                    raise CommandError(
                        f"{target.path} answered {response.status_code} in-process"
                    )
                with CaptureQueriesContext(connection) as queries:
                    client.get(target.path)
                target.queries = len(queries)
                # A running server has prepared the statements it repeats
                # (psycopg prepares one on its sixth use): so must this.
                for _ in range(RENDER_WARMUPS):
                    client.get(target.path)
                timings = []
                for _ in range(RENDER_SAMPLES):
                    started = time.perf_counter()
                    client.get(target.path)
                    timings.append((time.perf_counter() - started) * 1000)
                target.render_ms = statistics.median(timings)

    def drive(self, server, targets, phase: str, then=None):
        """Start `server`, warm it, drive every target (their result goes in
        the attribute named `phase`) and the bare view, then run `then`.
        Returns the bare view's result and what `then` returned."""
        try:
            server.wait_ready()
            self.warm(server, targets, cached=phase == "cached")
            for target in targets:
                result = self.wrk(server.base + target.path, target.kind)
                setattr(target, phase, result)
            bare = self.wrk(server.base + "/bench/bare/", "bare view")
            return bare, then(server) if then else None
        finally:
            server.stop()

    def drive_demo(self, base: str) -> dict[str, WrkResult]:
        """wrk on each of the demo's comparable pages, warmed first, keyed by
        path. Our servers are stopped meanwhile: the demo has the machine."""
        results = {}
        for path in dict.fromkeys(DEMO_COUNTERPARTS.values()):
            self.check_demo_page(base, path, times=3)
            try:
                results[path] = self.wrk(base + path, f"demo {path}")
            except ValueError as error:  # wrk could not reach it at all
                raise CommandError(f"The demo stopped answering: {error}") from error
        return results

    @staticmethod
    def check_demo_page(base: str, path: str, times: int = 1) -> None:
        """Fetch a demo page `times` times; anything but 200 stops the bench
        with a message, not a traceback. Run once for every page before our
        own figures, so a demo that is down or mistyped costs seconds, not
        the minutes of a whole run."""
        for _ in range(times):
            try:
                status = fetch(base + path)[0]
            except (OSError, ValueError) as error:
                raise CommandError(
                    f"The demo at {base} did not answer ({error}): start it, or "
                    "leave out --demo (BENCH_DEMO_URL). Give the whole address, "
                    "such as http://127.0.0.1:8500."
                ) from error
            if status != 200:
                raise CommandError(f"The demo's {base}{path} answered {status}.")

    def warm(self, server, targets, cached: bool) -> None:
        for target in targets:
            url = server.base + target.path
            for _ in range(3):
                status = fetch(url)[0]
                if status != 200:
                    raise CommandError(f"{url} answered {status} while warming")
            if cached:
                # Each worker keeps its own cache, and the kernel may hand
                # several requests in a row to the same one: ask until an
                # answer comes from the cache (or clearly never will).
                states = []
                for _ in range(16):
                    states.append(fetch(url)[1].get("X-Cache") or "not cached")
                    if states[-2:] == ["hit", "hit"]:
                        break
                target.cache_state = "hit" if "hit" in states else states[-1]
        fetch(server.base + "/bench/bare/")

    def wrk(self, url: str, label: str, script: str | None = None) -> WrkResult:
        command = [
            "wrk",
            f"-t{self.threads}",
            f"-c{self.connections}",
            f"-d{self.duration}s",
            "--latency",
            "--timeout",
            "10s",
        ]
        if script:
            command += ["-s", script]
        self.stdout.write(f"  {label:<24} {url}", ending="")
        self.stdout.flush()
        output = subprocess.run(  # noqa: S603
            [*command, url], capture_output=True, text=True, check=False
        )
        result = parse_wrk(output.stdout + output.stderr)
        self.stdout.write(f"  {result.rate:8.1f} req/s")
        return result

    def submissions(self, server, page):
        """POST valid responses with a fresh token each; rows stored per second."""
        url = server.base + page.url
        status, headers, body = fetch(url)
        if status != 200:
            raise CommandError(f"{url} answered {status}")
        html = body.decode()
        cookie = SimpleCookie()
        for value in headers.get_all("Set-Cookie") or []:
            cookie.load(value)
        if "csrftoken" not in cookie:
            raise CommandError("The consultation page set no CSRF cookie.")
        csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
        started = re.search(rf'name="{STARTED}" value="([^"]+)"', html)
        if not csrf or not started:
            raise CommandError("No response form on the open consultation page.")
        data = [
            ("csrfmiddlewaretoken", csrf.group(1)),
            (STARTED, started.group(1)),
            (HONEYPOT, ""),
            *self.answers(page),
        ]
        before = urlencode(data) + f"&{TOKEN}="
        script = Path(server.log_path.parent, "post.lua")
        script.write_text(
            post_script(before, "", f"csrftoken={cookie['csrftoken'].value}")
        )
        rows = ConsultationResponse.objects.filter(page=page)
        count = rows.count()
        started_at = time.perf_counter()
        result = self.wrk(url, "submissions (POST)", script=str(script))
        elapsed = time.perf_counter() - started_at
        stored = rows.count() - count
        return (
            page.url,
            result,
            stored,
            stored / min(elapsed, result.seconds or elapsed),
        )

    @staticmethod
    def answers(page):
        """A valid answer to every question on the page's form."""
        form = page.get_form(page=page, user=None)
        for name, form_field in form.fields.items():
            if name in FIXED_FIELDS:
                continue
            choices = [
                value for value, _ in getattr(form_field, "choices", []) if value
            ]
            kind = type(form_field).__name__
            if choices:
                yield name, choices[0]
            elif kind == "BooleanField":
                yield name, "on"
            elif kind == "EmailField":
                yield name, "bench@example.com"
            elif kind in ("IntegerField", "DecimalField", "FloatField"):
                yield name, "1"
            elif kind == "DateField":
                yield name, "2026-01-01"
            elif kind == "DateTimeField":
                yield name, "2026-01-01T12:00"
            elif kind == "URLField":
                yield name, "https://example.com/"
            else:
                yield name, "The paths in the park need repair. NV1 1AB"

    # Reporting -----------------------------------------------------------------

    def report(self, targets, bare_uncached, bare, stored, demo=None) -> None:
        def mark(ok):
            return "ok" if ok else "FAIL"

        def ms(value):
            return f"{value:.1f}" if value is not None else "-"

        out = self.stdout.write
        out("")
        out(
            f"Targets (issue 7): queries <= {MAX_QUERIES}; uncached >= "
            f"{MIN_UNCACHED_RATE} req/s (5 x Wagtail demo's {DEMO_RATE}"
            + ("; and 5 x its comparable page in this run, below" if demo else "")
            + f") and median render < {MAX_MEDIAN_RENDER_MS} ms; cached >= "
            f"{MIN_CACHED_SHARE:.0%} of the bare view in the same run."
        )
        header = (
            f"{'page type':<23} {'queries':>9} {'render':>11} "
            f"{'uncached req/s':>17} {'p50':>6} {'p99':>6} "
            f"{'cached req/s':>14} {'p50':>6} {'p99':>6} {'x bare':>12} url"
        )
        out(header)
        out("-" * len(header))
        for t in targets:
            u, c = t.uncached, t.cached
            hit = t.cache_state == "hit"
            share = c.rate / bare.rate if bare.rate else 0
            errors = u.errors + c.errors
            out(
                f"{t.kind:<23} "
                f"{t.queries:>4} {mark(t.queries <= MAX_QUERIES):>4} "
                f"{t.render_ms:>6.1f} {mark(t.render_ms < MAX_MEDIAN_RENDER_MS):>4} "
                f"{u.rate:>12.1f} {mark(u.rate >= MIN_UNCACHED_RATE):>4} "
                f"{ms(u.p50_ms):>6} {ms(u.p99_ms):>6} "
                f"{c.rate:>9.1f} {'hit' if hit else 'miss':>4} "
                f"{ms(c.p50_ms):>6} {ms(c.p99_ms):>6} "
                f"{share:>6.0%} "
                f"{mark(share >= MIN_CACHED_SHARE) if hit else 'n/a':>5} "
                f"{t.path}" + (f"  ({errors} errors)" if errors else "")
            )
        out(
            f"{'bare 20 KB view':<23} {'0':>4} {'':>4} {'':>6} {'':>4} "
            f"{bare_uncached.rate:>12.1f} {'':>4} {ms(bare_uncached.p50_ms):>6} "
            f"{ms(bare_uncached.p99_ms):>6} {bare.rate:>9.1f} {'':>4} "
            f"{ms(bare.p50_ms):>6} {ms(bare.p99_ms):>6} {'100%':>6} {'':>5} "
            "/bench/bare/"
        )
        path, result, count, rate = stored
        out("")
        out(
            f"Submissions: {count:,} responses stored from {result.requests:,} "
            f"requests in {result.seconds:.1f} s = "
            f"{rate:.1f}/s ({mark(rate >= MIN_STORED_RATE)}: target >= "
            f"{MIN_STORED_RATE}/s); wrk {result.rate:.1f} req/s, p50 "
            f"{ms(result.p50_ms)} ms, p99 {ms(result.p99_ms)} ms, "
            f"{result.errors} errors; {path}"
        )
        out(
            "Queries and render: Django's test Client in the bench process, page "
            f"cache off, second request (render: median of {RENDER_SAMPLES} after "
            f"{RENDER_WARMUPS} more, ms). 'miss' under "
            "cached: the page is never cached (forms, search), so 70 % does not "
            "apply. p50/p99 in ms, from wrk --latency."
        )
        if demo:
            self.report_demo(targets, demo, mark)

    def report_demo(self, targets, demo: dict[str, WrkResult], mark) -> None:
        """Each page type's uncached rate against its demo counterpart's,
        taken minutes apart in the same run: issue 7's uncached target."""
        out = self.stdout.write
        out("")
        out(
            f"Against Wagtail's demo in the same run: uncached requests per second, "
            f"target >= {MIN_DEMO_RATIO} x the demo's comparable page."
        )
        header = (
            f"{'page type':<23} {'req/s':>8}   {'demo page':<24} "
            f"{'demo req/s':>10} {'x demo':>12}"
        )
        out(header)
        out("-" * len(header))
        for t in targets:
            path = DEMO_COUNTERPARTS[t.kind]
            ratio = t.uncached.rate / demo[path].rate if demo[path].rate else 0
            out(
                f"{t.kind:<23} {t.uncached.rate:>8.1f}   {path:<24} "
                f"{demo[path].rate:>10.1f} {ratio:>7.1f} {mark(ratio >= MIN_DEMO_RATIO):>4}"
                + (f"  ({demo[path].errors} errors)" if demo[path].errors else "")
            )
