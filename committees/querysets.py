from django.db.models import F, OuterRef, Subquery
from django.db.models.functions import Length, Substr
from wagtail.models import Page

from core.querysets import ListingPageQuerySet

from .enums import MeetingStatus


class MeetingQuerySet(ListingPageQuerySet):
    def upcoming(self, moment):
        return self.filter(starts_at__gte=moment, status=MeetingStatus.SCHEDULED)

    def with_committee_title(self):
        """Annotate each meeting with its committee's (parent page's) title in
        the same query, so a list of meetings never fetches parents one by one."""
        parent_path = Substr(
            OuterRef("path"), 1, Length(OuterRef("path")) - Page.steplen
        )
        return self.annotate(
            committee_title=Subquery(
                Page.objects.filter(path=parent_path).values("title")[:1]
            )
        )

    def for_listing(self):
        return self.live().public().defer_streamfields()

    def for_homepage(self, moment, limit):
        return (
            self.for_listing()
            .upcoming(moment)
            .with_committee_title()
            .order_by(F("starts_at").asc(), "pk")[:limit]
        )
