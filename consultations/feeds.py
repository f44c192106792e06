from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.feedgenerator import Rss201rev2Feed
from django.utils.html import escape

from .enums import ConsultationStatus


class ConsultationFeed(Feed):
    """New and open consultations, newest first, for feed readers."""

    feed_type = Rss201rev2Feed
    limit = 50

    def __init__(self, hub):
        super().__init__()
        self.hub = hub

    def title(self):
        return self.hub.title

    def link(self):
        return self.hub.url

    def description(self):
        return "New and open consultations: have your say before we decide."

    def items(self):
        from .models import ConsultationPage

        now = timezone.now()
        consultations = ConsultationPage.objects.under_index(self.hub).for_listing()
        new_or_open = consultations.with_status(
            ConsultationStatus.OPEN, now
        ) | consultations.with_status(ConsultationStatus.FORTHCOMING, now)
        return new_or_open.order_by("-opens_at", "pk")[: self.limit]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        # Readers take the description as HTML: the plain summary, escaped.
        return escape(item.summary)

    def item_link(self, item):
        return item.url

    def item_pubdate(self, item):
        """When residents could first know of it: its opening, or, for one
        announced before it opens, when it was announced (a date in the
        future would put it out of order, or out of sight, in readers)."""
        announced = item.first_published_at or item.opens_at
        return min(item.opens_at, announced)
