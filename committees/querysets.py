from django.db.models import F, OuterRef, Prefetch, Subquery
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


class AgendaItemQuerySet(ListingPageQuerySet):
    def public_items(self):
        """Live, publicly viewable items that are not exempt (part two).
        Every public listing of agenda items starts here."""
        return self.live().public().filter(is_exempt=False)

    def for_meeting(self, meeting):
        """A meeting's agenda in page-tree order, exempt items included (the
        meeting page shows only their number), with each item's report documents
        in one more query. Prefetch anything else a listing shows here too."""
        from .models import AgendaItemDocument

        return (
            self.child_of(meeting)
            .live()
            .public()
            .defer_streamfields()
            .order_by("path")
            .prefetch_related(
                Prefetch(
                    "documents",
                    queryset=AgendaItemDocument.objects.select_related(
                        "document"
                    ).order_by("sort_order", "pk"),
                ),
            )
        )
