from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, PageManager
from wagtail.search import index

from core.blocks import INLINE_RICH_TEXT_FEATURES, BodyBlock

from .enums import MeetingStatus
from .querysets import MeetingQuerySet

MeetingManager = PageManager.from_queryset(MeetingQuerySet)


class CommitteeIndexPage(Page):
    """ "Meetings and decisions": every committee, board and panel."""

    intro = RichTextField(features=INLINE_RICH_TEXT_FEATURES, blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["committees.CommitteePage"]
    max_count = 1

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["committees"] = (
            CommitteePage.objects.child_of(self).live().public().defer_streamfields()
        )
        return context


class CommitteePage(Page):
    summary = models.CharField(max_length=250, help_text="What the committee is for.")
    terms_of_reference = StreamField(BodyBlock(), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("terms_of_reference"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("summary")]
    parent_page_types = ["committees.CommitteeIndexPage"]
    subpage_types = ["committees.MeetingPage"]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        now = timezone.now()
        meetings = MeetingPage.objects.child_of(self).for_listing()
        context["upcoming_meetings"] = meetings.filter(starts_at__gte=now).order_by(
            "starts_at", "pk"
        )
        context["past_meetings"] = meetings.filter(starts_at__lt=now).order_by(
            "-starts_at", "pk"
        )[:20]
        return context


class MeetingPage(Page):
    starts_at = models.DateTimeField("Starts")
    ends_at = models.DateTimeField("Ends", null=True, blank=True)
    status = models.CharField(
        max_length=20, choices=MeetingStatus.choices, default=MeetingStatus.SCHEDULED
    )
    location = models.CharField(
        max_length=250,
        blank=True,
        help_text="Venue and room, as a resident would find it.",
    )
    online_url = models.URLField("Online meeting or webcast link", blank=True)
    body = StreamField(
        BodyBlock(), blank=True, help_text="Notes for the public, if any."
    )

    objects = MeetingManager()

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")]),
                FieldPanel("status"),
                FieldPanel("location"),
                FieldPanel("online_url"),
            ],
            heading="When and where (UK time)",
        ),
        FieldPanel("body"),
    ]
    search_fields = [*Page.search_fields, index.FilterField("starts_at")]
    parent_page_types = ["committees.CommitteePage"]
    subpage_types = []

    class Meta:
        indexes = [models.Index(fields=["starts_at"])]

    def clean(self):
        super().clean()
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": "The end must be after the start."})
