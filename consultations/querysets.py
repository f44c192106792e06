from core.querysets import ListingPageQuerySet


class ConsultationQuerySet(ListingPageQuerySet):
    def open_at(self, moment):
        return self.filter(opens_at__lte=moment, closes_at__gt=moment)

    def for_listing(self):
        return self.live().public().defer_streamfields()

    def for_homepage(self, moment, limit):
        """Open consultations, closing soonest first."""
        return self.for_listing().open_at(moment).order_by("closes_at", "pk")[:limit]
