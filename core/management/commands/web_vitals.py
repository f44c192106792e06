"""Core Web Vitals in the lab for every public page type (QUALITY OPS-03):
`make vitals` runs it through scripts/vitals, which starts a throwaway
PostgreSQL with the demo content and collects static files first.

Each page is loaded cold (a new browser context: empty cache, no cookies)
in Debian's Chromium, emulating what Lighthouse's mobile run does: a phone's
screen, a slow 4G network (562.5 ms latency, 1.47 Mbit/s down, 675 kbit/s
up, as DevTools applies it) and a CPU four times slower, from gunicorn with
the production settings. Largest Contentful Paint and Cumulative Layout
Shift are read from the browser's own PerformanceObserver; Total Blocking
Time (the long tasks' time beyond 50 ms) stands in for Interaction to Next
Paint, which needs a person's interactions. The median of --runs loads is
printed against the targets (LCP 2.5 s, CLS 0.1, INP 200 ms). Lab figures
are a trend to watch, not a gate: field figures (p75 of real visits) are
what the targets are about.
"""

import shutil
import statistics
import tempfile
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from core.benchmarking import Server

from .bench_site import Command as BenchSite

TARGETS = {"lcp": 2500, "cls": 0.1, "tbt": 200}

# Lighthouse's mobile preset (its "devtools" throttling constants).
PHONE = {
    "viewport": {"width": 412, "height": 823},
    "device_scale_factor": 1.75,
    "is_mobile": True,
    "has_touch": True,
}
SLOW_4G = {
    "offline": False,
    "latency": 562.5,
    "downloadThroughput": 1474.56 * 1024 / 8,
    "uploadThroughput": 675 * 1024 / 8,
}
CPU_SLOWDOWN = 4

MEASURE = """() => new Promise(resolve => {
  const seen = {lcp: 0, cls: 0, tbt: 0};
  const watch = (type, take) => new PerformanceObserver(list => {
    for (const entry of list.getEntries()) take(entry);
  }).observe({type, buffered: true});
  watch('largest-contentful-paint', e => { seen.lcp = e.startTime; });
  watch('layout-shift', e => { if (!e.hadRecentInput) seen.cls += e.value; });
  watch('longtask', e => { seen.tbt += Math.max(0, e.duration - 50); });
  // A second after load, for late shifts and paints.
  setTimeout(() => {
    const navigation = performance.getEntriesByType('navigation')[0];
    seen.fcp = performance.getEntriesByName('first-contentful-paint')[0]?.startTime;
    seen.bytes = navigation.transferSize + performance.getEntriesByType('resource')
      .reduce((sum, r) => sum + r.transferSize, 0);
    resolve(seen);
  }, 1000);
})"""


class Command(BaseCommand):
    help = "Lab Core Web Vitals of every public page type in Chromium (make vitals)."

    def add_arguments(self, parser):
        parser.add_argument("--runs", type=int, default=3)

    def handle(self, *args, runs, **options):
        try:
            from playwright.sync_api import sync_playwright
        except ImportError as error:
            raise CommandError(
                "Needs the dev dependencies: make install-dev."
            ) from error
        chromium = shutil.which("chromium")
        if chromium is None:
            raise CommandError("Needs Debian's chromium: apt-get install chromium.")
        targets = BenchSite().targets()
        server = Server(300, 2, Path(tempfile.mkdtemp(prefix="engage-vitals-")))
        try:
            server.wait_ready()
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=chromium)
                rows = [
                    (
                        target,
                        [
                            self.load(browser, server.base + target.path)
                            for _ in range(runs)
                        ],
                    )
                    for target in targets
                ]
                browser.close()
        finally:
            server.stop()
        self.report(rows, runs)

    @staticmethod
    def load(browser, url) -> dict:
        context = browser.new_context(**PHONE)
        page = context.new_page()
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        cdp.send("Network.emulateNetworkConditions", SLOW_4G)
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
        response = page.goto(url, wait_until="load")
        if response is None or response.status != 200:
            raise CommandError(f"{url} answered {response and response.status}")
        measured = page.evaluate(MEASURE)
        context.close()
        return measured

    def report(self, rows, runs) -> None:
        def verdict(value, limit):
            return "ok" if value <= limit else "over"

        self.stdout.write(
            f"Median of {runs} cold loads, phone on slow 4G, CPU {CPU_SLOWDOWN}x slower.\n"
            "| Page type | LCP ms (<= 2,500) | CLS (<= 0.1) | TBT ms (INP <= 200) "
            "| FCP ms | Bytes |\n| --- | --- | --- | --- | --- | --- |"
        )
        for target, loads in rows:
            median = {
                key: statistics.median(load[key] or 0 for load in loads)
                for key in ("lcp", "cls", "tbt", "fcp", "bytes")
            }
            self.stdout.write(
                f"| {target.kind} "
                f"| {median['lcp']:,.0f} {verdict(median['lcp'], TARGETS['lcp'])} "
                f"| {median['cls']:.3f} {verdict(median['cls'], TARGETS['cls'])} "
                f"| {median['tbt']:,.0f} {verdict(median['tbt'], TARGETS['tbt'])} "
                f"| {median['fcp']:,.0f} | {median['bytes']:,.0f} |"
            )
