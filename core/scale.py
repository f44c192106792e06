"""Shared machinery for `manage.py generate_scale_data`: a seeded random
source, a progress line, and adding many pages under one parent quickly.

Each app's `scale.py` builds its own content with these."""

import random
import sys
import time
from dataclasses import dataclass, field

from django.db.models import F
from django.utils import timezone
from wagtail.models import Page


@dataclass
class Scale:
    """What to build, and the means to build it reproducibly."""

    consultations: int = 2_000
    responses: int = 200_000
    committees: int = 100
    meetings: int = 2_000
    agenda_items: int = 10_000
    resolutions: int = 20_000
    actions: int = 5_000
    stories: int = 2_000
    tags: int = 50
    seed: int = 1
    out: object = sys.stdout
    rng: random.Random = field(init=False)
    now: object = field(init=False)

    def __post_init__(self):
        # Reproducible made-up content, not secrets.
        self.rng = random.Random(self.seed)  # noqa: S311
        self.now = timezone.now()

    def spread(self, total: int, buckets: int) -> list[int]:
        """`total` split over `buckets` as evenly as whole numbers allow."""
        if buckets <= 0:
            return []
        base, extra = divmod(total, buckets)
        return [base + (1 if n < extra else 0) for n in range(buckets)]

    def progress(self, label: str, total: int):
        return Progress(label, total, self.out)


class Progress:
    """A one-line progress bar on a terminal, plain lines elsewhere."""

    WIDTH = 30

    def __init__(self, label, total, out):
        self.label, self.total, self.out = label, max(total, 1), out
        self.done = 0
        self.started = time.perf_counter()
        self.is_terminal = getattr(out, "isatty", lambda: False)()
        self.last_shown = -1

    def advance(self, count=1):
        self.done += count
        percent = min(100, self.done * 100 // self.total)
        if self.is_terminal and percent != self.last_shown:
            filled = self.WIDTH * percent // 100
            bar = "#" * filled + "." * (self.WIDTH - filled)
            self.out.write(f"\r{self.label:<16} [{bar}] {percent:3d}%")
            self.out.flush()
            self.last_shown = percent

    def finish(self):
        seconds = time.perf_counter() - self.started
        end = "\r" if self.is_terminal else ""
        self.out.write(
            f"{end}{self.label:<16} {self.done:>9,} in {seconds:6.1f} s"
            f"{' ' * (self.WIDTH - 8)}\n"
        )
        return seconds


def add_children(parent: Page, pages, progress=None) -> list[Page]:
    """Add `pages` (unsaved specific pages) as the last children of `parent`.

    Wagtail's add_child() asks the database for the last child and checks the
    new page on every call; here the paths are worked out once and each page
    is saved as it stands (two INSERTs for a page subclass), then the parent's
    child count is updated once."""
    pages = list(pages)
    last = parent.get_last_child()
    step = Page._str2int(last.path[-Page.steplen :]) + 1 if last else 1
    depth = parent.depth + 1
    published = timezone.now()
    for offset, page in enumerate(pages):
        page.path = Page._get_path(parent.path, depth, step + offset)
        page.depth = depth
        page.numchild = 0
        page.locale_id = parent.locale_id
        page.live = True
        page.has_unpublished_changes = False
        page.first_published_at = page.last_published_at = published
        page._cached_parent_obj = parent
        page.save(clean=False)
        if progress:
            progress.advance()
    Page.objects.filter(pk=parent.pk).update(numchild=F("numchild") + len(pages))
    parent.numchild += len(pages)
    return pages


def in_batches(objects, model, size=5_000, progress=None):
    """bulk_create a stream of unsaved objects, `size` at a time."""
    batch = []
    for obj in objects:
        batch.append(obj)
        if len(batch) >= size:
            model.objects.bulk_create(batch)
            if progress:
                progress.advance(len(batch))
            batch = []
    if batch:
        model.objects.bulk_create(batch)
        if progress:
            progress.advance(len(batch))
