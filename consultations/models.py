from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, PageManager
from wagtail.search import index

from core.blocks import INLINE_RICH_TEXT_FEATURES, BodyBlock
from core.pagination import paginate

from .enums import ConsultationStatus
from .querysets import ConsultationQuerySet

ConsultationManager = PageManager.from_queryset(ConsultationQuerySet)


class ConsultationIndexPage(Page):
    """The "Have your say" hub."""

    intro = RichTextField(features=INLINE_RICH_TEXT_FEATURES, blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["consultations.ConsultationPage"]
    max_count = 1
    per_page = 20

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        consultations = (
            ConsultationPage.objects.child_of(self)
            .for_listing()
            .order_by("-opens_at", "pk")
        )
        context["page_obj"] = paginate(request, consultations, self.per_page)
        context["now"] = timezone.now()
        return context


class ConsultationPage(Page):
    summary = models.CharField(
        max_length=250,
        help_text="One or two sentences: what is proposed and who it affects.",
    )
    opens_at = models.DateTimeField("Opens")
    closes_at = models.DateTimeField("Closes")
    body = StreamField(BodyBlock())

    objects = ConsultationManager()

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("opens_at"), FieldPanel("closes_at")])],
            heading="Dates (UK time)",
        ),
        FieldPanel("body"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("opens_at"),
        index.FilterField("closes_at"),
    ]
    parent_page_types = ["consultations.ConsultationIndexPage"]
    subpage_types = []

    class Meta:
        indexes = [models.Index(fields=["opens_at", "closes_at"])]

    def clean(self):
        super().clean()
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            raise ValidationError(
                {"closes_at": "The closing date must be after the opening date."}
            )

    def status_at(self, moment) -> ConsultationStatus:
        """Derived from the dates, never stored: a stored flag could drift."""
        if moment < self.opens_at:
            return ConsultationStatus.FORTHCOMING
        if moment < self.closes_at:
            return ConsultationStatus.OPEN
        return ConsultationStatus.CLOSED

    @property
    def status(self) -> ConsultationStatus:
        return self.status_at(timezone.now())
