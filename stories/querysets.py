from core.querysets import ListingPageQuerySet


class StoryQuerySet(ListingPageQuerySet):
    def for_listing(self):
        return (
            self.live().public().defer_streamfields().order_by("-published_on", "-pk")
        )

    def for_homepage(self, limit):
        return self.for_listing()[:limit]
