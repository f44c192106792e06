from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from committees.models import MeetingPage
from committees.permissions import (
    MinutesStayPublicTester,
    refuse_expiry_above_approved_minutes,
)
from consultations.models import ConsultationPage
from core.blocks import INLINE_RICH_TEXT_FEATURES, BodyBlock
from core.querysets import section_indexes
from core.routing import FewerQueriesPageMixin, MemoisedChildRouteMixin
from stories.models import StoryPage

HOME_SECTION_SIZE = 3


class HomePage(FewerQueriesPageMixin, MemoisedChildRouteMixin, Page):
    """The site's root: an introduction, then what is open, coming up and done."""

    intro = RichTextField(features=INLINE_RICH_TEXT_FEATURES, blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "home.StandardPage",
        "consultations.ConsultationIndexPage",
        "committees.CommitteeIndexPage",
        "stories.StoryIndexPage",
        "places.AreaIndexPage",
    ]
    max_count = 1

    def permissions_for_user(self, user):
        # A view restriction here would hide the approved minutes below from
        # the public; Wagtail's set_privacy view asks this tester.
        return MinutesStayPublicTester(user, self)

    def clean(self):
        super().clean()
        refuse_expiry_above_approved_minutes(self)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        now = timezone.now()
        context["open_consultations"] = ConsultationPage.objects.for_homepage(
            now, HOME_SECTION_SIZE
        )
        context["upcoming_meetings"] = MeetingPage.objects.for_homepage(
            now, HOME_SECTION_SIZE
        )
        context["latest_stories"] = StoryPage.objects.for_homepage(HOME_SECTION_SIZE)
        context["section_indexes"] = section_indexes(self)
        return context


class StandardPage(FewerQueriesPageMixin, Page):
    """Pages such as the accessibility statement and the privacy notice."""

    summary = models.CharField(max_length=250, blank=True)
    body = StreamField(BodyBlock())
    last_reviewed_on = models.DateField(
        null=True,
        blank=True,
        help_text="The day someone last checked that everything on this page is "
        "still true. The accessibility statement must be reviewed at least every "
        "12 months, and we hold the privacy notice and cookies page to the same; "
        "the dashboard says when one is due.",
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("body"),
        FieldPanel("last_reviewed_on"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
    ]

    parent_page_types = ["home.HomePage", "home.StandardPage"]
    subpage_types = ["home.StandardPage"]

    def clean(self):
        super().clean()
        if self.last_reviewed_on and self.last_reviewed_on > timezone.localdate():
            raise ValidationError(
                {"last_reviewed_on": "Enter the day of a review that has happened."}
            )
