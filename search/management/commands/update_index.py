"""Wagtail's update_index, then a new content generation
(core.content_generation): search keeps its counts by type for the generation
(search/views.py), and they must follow the rebuilt index."""

from modelsearch.management.commands.rebuild_modelsearch_index import (
    Command as RebuildIndex,  # what Wagtail's update_index runs
)

from core import content_generation


class Command(RebuildIndex):
    def handle(self, **options):
        try:
            super().handle(**options)
        finally:
            # Even after a failure part of the way: the index has changed.
            content_generation.bump()
