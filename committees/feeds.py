import datetime

from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.feedgenerator import Rss201rev2Feed
from django.utils.html import format_html, linebreaks

from core.formatting import govuk_date

from .forward_plan import ForwardPlanEntry, PlanState
from .minutes import Resolution


class SectionFeed(Feed):
    """A feed of one of the committees section's registers (`route`, a route
    of CommitteeIndexPage), with links for the site it was asked for."""

    feed_type = Rss201rev2Feed
    limit = 50
    route = ""

    def __init__(self, section):
        super().__init__()
        self.section = section
        self.request = None

    def get_object(self, request, *args, **kwargs):
        # Item links are made for the site the feed was asked for.
        self.request = request
        return None

    def link(self):
        return self.section.get_url(self.request) + self.section.reverse_subpage(
            self.route
        )


class DecisionsFeed(SectionFeed):
    """The newest public decisions of every committee, for feed readers: the
    same resolutions as the decisions register, in the same order."""

    route = "decisions_register"

    def title(self):
        return f"Decisions: {self.section.title}"

    def description(self):
        return "The latest decisions of the council's committees, boards and panels."

    def items(self):
        return Resolution.objects.for_register()[: self.limit]

    def item_title(self, item):
        return (
            f"{item.committee_title}, {govuk_date(item.meeting_starts_at)}: "
            f"resolution {item.number} on {item.page.title}"
        )

    def item_description(self, item):
        # Readers treat the description as HTML: the text is escaped for it.
        description = linebreaks(item.text, autoescape=True)
        if item.report_section:
            description += format_html(
                "<p>See section {} of the report.</p>", item.report_section
            )
        return description

    def item_link(self, item):
        return f"{item.page.get_url(self.request)}#resolution-{item.number}"

    def item_pubdate(self, item):
        return item.meeting_starts_at

    def item_categories(self, item):
        return [item.committee_title]


class ForwardPlanFeed(SectionFeed):
    """New notices in the forward plan, newest first: what residents
    subscribe to in order to hear of a decision before it is taken."""

    route = "forward_plan"

    def title(self):
        return f"Forward plan: {self.section.title}"

    def description(self):
        return "Notice of the decisions the council will take."

    def items(self):
        return (
            ForwardPlanEntry.objects.in_state(PlanState.UPCOMING)
            .for_listing()
            .order_by("-first_published_on", "-pk")[: self.limit]
        )

    def item_title(self, item):
        return (
            f"{item.title}: decision by {item.deciders} on or after "
            f"{govuk_date(item.expected_on)}"
        )

    def item_description(self, item):
        description = linebreaks(item.summary, autoescape=True)
        if item.notice_exception:
            description += format_html(
                "<p>{}: less than 28 clear days' notice. {}</p>",
                item.get_notice_exception_display(),
                item.exception_reason,
            )
        return description

    def item_link(self, item):
        return self._link + f"{item.slug}/"

    def get_object(self, request, *args, **kwargs):
        # The plan's address once, for every entry's link.
        obj = super().get_object(request, *args, **kwargs)
        self._link = self.link()
        return obj

    def item_pubdate(self, item):
        return timezone.make_aware(
            datetime.datetime.combine(item.first_published_on, datetime.time())
        )
