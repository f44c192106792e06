import datetime

from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, PageManager
from wagtail.search import index

from core.blocks import INLINE_RICH_TEXT_FEATURES, BodyBlock
from core.pagination import paginate

from .querysets import StoryQuerySet

StoryManager = PageManager.from_queryset(StoryQuerySet)


class StoryIndexPage(Page):
    intro = RichTextField(features=INLINE_RICH_TEXT_FEATURES, blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["stories.StoryPage"]
    max_count = 1
    per_page = 12

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        stories = StoryPage.objects.child_of(self).for_listing()
        context["page_obj"] = paginate(request, stories, self.per_page)
        return context


class StoryPage(Page):
    published_on = models.DateField("Date", default=datetime.date.today)
    summary = models.CharField(max_length=250)
    body = StreamField(BodyBlock())

    objects = StoryManager()

    content_panels = [
        *Page.content_panels,
        FieldPanel("published_on"),
        FieldPanel("summary"),
        FieldPanel("body"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
    ]
    parent_page_types = ["stories.StoryIndexPage"]
    subpage_types = []

    class Meta:
        indexes = [models.Index(fields=["-published_on"])]
