from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.feedgenerator import Rss201rev2Feed

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
        return item.summary

    def item_link(self, item):
        return item.url

    def item_pubdate(self, item):
        return item.opens_at
