"""Fill the site with as much content as a council builds up over years, for
benchmarks and for finding queries that grow with the data. Deterministic
from --seed. Run it on the demo site (`make run` sets one up); it adds to it."""

import io
import logging
import time

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.test.utils import override_settings
from wagtail.signal_handlers import disable_reference_index_auto_update

from committees import scale as committees_scale
from consultations import scale as consultations_scale
from core import content_generation
from core.scale import Scale
from places import scale as places_scale
from stories import scale as stories_scale

SIZES = {
    "consultations": "consultation pages",
    "responses": "responses, spread unevenly over the consultations",
    "committees": "committee pages",
    "meetings": "meeting pages, spread over the committees and four years",
    "agenda_items": "agenda item pages, spread over the meetings",
    "resolutions": "resolutions, spread over the minuted items",
    "actions": "actions, each from a resolution",
    "stories": "story pages",
    "tags": "story tags",
}


class Command(BaseCommand):
    help = "Add scale data (sizes as options) to the demo site, then rebuild the search index."

    def add_arguments(self, parser):
        defaults = Scale.__dataclass_fields__
        for name, description in SIZES.items():
            parser.add_argument(
                f"--{name.replace('_', '-')}",
                type=int,
                default=defaults[name].default,
                help=f"How many {description} (default {defaults[name].default:,}).",
            )
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument(
            "--no-index",
            action="store_true",
            help="Skip rebuilding the search and reference indexes afterwards.",
        )

    def handle(self, *args, no_index=False, **options):
        sizes = {name: options[name] for name in SIZES}
        scale = Scale(seed=options["seed"], out=self.stdout, **sizes)
        started = time.perf_counter()
        call_command("load_demo_content", stdout=io.StringIO())
        from wagtail.models import Site

        home = Site.objects.get(is_default_site=True).root_page
        if home.get_descendants().filter(slug="scale-consultation-1").exists():
            raise CommandError(
                "Scale data is already loaded: start again from a fresh database."
            )

        # One log line per page created is noise at this size; the search
        # and reference indexes are rebuilt once at the end rather than on
        # every save.
        wagtail_log = logging.getLogger("wagtail")
        level = wagtail_log.level
        wagtail_log.setLevel(logging.WARNING)
        no_auto_update = {
            "default": {
                "BACKEND": "wagtail.search.backends.database",
                "AUTO_UPDATE": False,
            }
        }
        try:
            with (
                override_settings(WAGTAILSEARCH_BACKENDS=no_auto_update),
                disable_reference_index_auto_update(),
                transaction.atomic(),
            ):
                consultations_scale.build(scale, home)
                committees_scale.build(scale, home)
                stories_scale.build(scale, home)
                places_scale.build(scale, home)
        finally:
            wagtail_log.setLevel(level)
        # Bulk inserts send no signals: say that the content changed.
        content_generation.bump()
        if not no_index:
            index_started = time.perf_counter()
            call_command("update_index", stdout=io.StringIO())
            call_command("rebuild_references_index", stdout=io.StringIO())
            self.stdout.write(
                f"{'indexes':<16} rebuilt in {time.perf_counter() - index_started:6.1f} s"
            )
        self.stdout.write(
            self.style.SUCCESS(
                f"Scale data ready in {time.perf_counter() - started:.0f} s."
            )
        )
