from typing import NamedTuple

from django.db.models import Count, Exists, OuterRef
from taggit.models import Tag

from core.querysets import ListingPageQuerySet


class StoryQuerySet(ListingPageQuerySet):
    def for_listing(self):
        return (
            self.live().public().defer_streamfields().order_by("-published_on", "-pk")
        )

    def for_homepage(self, limit):
        return self.for_listing()[:limit]

    def _tagged_items(self):
        # The through model (StoryTag), reached from the model so that this
        # module need not import models.py, which imports it.
        return self.model._meta.get_field("tagged_items").related_model.objects

    def tagged_with_all(self, slugs):
        """Stories carrying every one of these tags: one EXISTS per tag, so no
        joins that could repeat a story."""
        stories = self
        for slug in slugs:
            stories = stories.filter(
                Exists(
                    self._tagged_items().filter(
                        content_object=OuterRef("pk"), tag__slug=slug
                    )
                )
            )
        return stories

    def related_to(self, story, limit=3):
        """Other live stories sharing the most tags with `story`, newest first
        among equals. One query, whatever the number of stories or tags."""
        its_tags = self._tagged_items().filter(content_object=story.pk).values("tag")
        return (
            self.for_listing()
            .exclude(pk=story.pk)
            .filter(tagged_items__tag__in=its_tags)
            .annotate(shared_tags=Count("tagged_items"))
            .order_by("-shared_tags", "-published_on", "-pk")[:limit]
        )


class TagCount(NamedTuple):
    name: str
    slug: str
    count: int


def tags_with_counts(stories) -> tuple[TagCount, ...]:
    """The tags used by `stories`, each with the count of those stories, by
    name."""
    rows = (
        Tag.objects.filter(stories_storytag_items__content_object__in=stories)
        .annotate(count=Count("stories_storytag_items"))
        .order_by("name")
        .values_list("name", "slug", "count")
    )
    return tuple(TagCount(*row) for row in rows)
