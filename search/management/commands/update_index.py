"""Wagtail's update_index, then fresh planner statistics for the index table
and a new content generation (core.content_generation): search keeps its
counts by type for the generation (search/views.py), and they must follow the
rebuilt index."""

from django.apps import apps
from django.db import connection
from modelsearch.management.commands.rebuild_modelsearch_index import (
    Command as RebuildIndex,  # what Wagtail's update_index runs
)

from core import content_generation


class Command(RebuildIndex):
    def handle(self, **options):
        try:
            super().handle(**options)
            analyse_the_index()
        finally:
            # Even after a failure part of the way: the index has changed.
            content_generation.bump()


def analyse_the_index():
    # A rebuild replaces every row, and until autovacuum gets round to it
    # PostgreSQL plans searches on the old rows' statistics: at scale, search
    # ran twice as slow (a hash join over every page) until it did.
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            table = apps.get_model("wagtailsearch", "IndexEntry")._meta.db_table
            cursor.execute(f"ANALYZE {connection.ops.quote_name(table)}")
