import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    PageChooserPanel,
)
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page, PageManager
from wagtail.search import index

from committees.querysets import open_pages
from core.blocks import INLINE_RICH_TEXT_FEATURES
from core.content_generation import Memo
from core.formatting import govuk_date
from core.pagination import paginate
from core.querysets import TreePosition
from core.routing import FewerQueriesPageMixin, MemoisedChildRouteMixin
from places.links import area_links
from places.models import Area, LinkedPlacesMixin

from .blocks import StoryBodyBlock
from .feeds import StoryFeed
from .querysets import StoryQuerySet, tags_with_counts

StoryManager = PageManager.from_queryset(StoryQuerySet)

# Each tag in a filter adds a condition to the listing query; more than this
# is never a real reader's request.
MAX_FILTER_TAGS = 3
TAG_SLUGS = r"(?P<slugs>[-\w]+(?:/[-\w]+)*)"

# What a reader calls each kind of page a story can point to. AgendaItemPage
# (committees, to come) is listed already so that it needs no change here.
RELATED_PAGE_TYPES = {
    "consultations.ConsultationPage": "Consultation",
    "committees.MeetingPage": "Meeting",
    "committees.AgendaItemPage": "Agenda item",
}


class QuotedPerson(models.Model):
    """Someone whose words a story quotes, with the consent that allows it."""

    name = models.CharField(max_length=120)
    role = models.CharField(max_length=120, blank=True)
    organisation = models.CharField(max_length=160, blank=True)
    consent_recorded = models.BooleanField(
        "Consent to publish recorded",
        default=False,
        help_text="Tick only when their written consent is on file.",
    )
    consent_recorded_on = models.DateField("Consent given on", null=True, blank=True)
    consent_expires_on = models.DateField(
        "Consent ends on",
        null=True,
        blank=True,
        help_text="Their quotes stop appearing on the site after this date. "
        "Leave blank if the consent has no end date.",
    )
    notes = models.TextField(
        blank=True, help_text="Where the consent is kept, and anything it excludes."
    )

    panels = [
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("role"), FieldPanel("organisation")]),
        MultiFieldPanel(
            [
                FieldPanel("consent_recorded"),
                FieldRowPanel(
                    [
                        FieldPanel("consent_recorded_on"),
                        FieldPanel("consent_expires_on"),
                    ]
                ),
                FieldPanel("notes"),
            ],
            heading="Consent to publish",
        ),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = "quoted person"
        verbose_name_plural = "quoted people"

    def __str__(self):
        return ", ".join(filter(None, [self.name, self.role, self.organisation]))

    def clean(self):
        super().clean()
        if self.consent_recorded and not self.consent_recorded_on:
            raise ValidationError(
                {"consent_recorded_on": "Give the date consent was given."}
            )
        if (
            self.consent_recorded_on
            and self.consent_expires_on
            and self.consent_expires_on < self.consent_recorded_on
        ):
            raise ValidationError(
                {"consent_expires_on": "Consent cannot end before it was given."}
            )

    def consent_is_current(self, on: datetime.date | None = None) -> bool:
        on = on or timezone.localdate()
        if not self.consent_recorded:
            return False
        return self.consent_expires_on is None or on <= self.consent_expires_on

    @property
    def consent_status(self) -> str:
        if not self.consent_recorded:
            return "Not recorded"
        if not self.consent_is_current():
            return "Expired"
        if self.consent_expires_on:
            return f"Current until {govuk_date(self.consent_expires_on)}"
        return "Current"


class StoryTag(TaggedItemBase):
    content_object = ParentalKey(
        "stories.StoryPage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class StoryIndexPage(
    FewerQueriesPageMixin, RoutablePageMixin, MemoisedChildRouteMixin, Page
):
    intro = RichTextField(features=INLINE_RICH_TEXT_FEATURES, blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["stories.StoryPage"]
    max_count = 1
    per_page = 12

    def stories(self):
        return stories_under(self)

    def tags_in_use(self):
        """Tags of live stories here, with counts: one query per content
        generation, as every listing, filter and feed here shows the same."""
        return _tags_in_use.get(TreePosition.of(self))

    @staticmethod
    def chosen_tags(slugs, tags_in_use):
        """The tags named in `slugs`, in the one order used in addresses.
        Unknown tags (or too many) are a 404: an address that names nothing
        real is not a page."""
        known = {tag.slug: tag for tag in tags_in_use}
        unique = sorted(set(slugs))
        if len(unique) > MAX_FILTER_TAGS or not set(unique) <= known.keys():
            raise Http404("No such topic")
        return [known[slug] for slug in unique]

    def tag_subpath(self, tags) -> str:
        """ "tag/health/volunteering/": relative to this page's URL."""
        return self.reverse_subpage(
            "tagged", kwargs={"slugs": "/".join(tag.slug for tag in tags)}
        )

    def tag_path(self, tags, request=None) -> str:
        return self.get_url(request) + self.tag_subpath(tags)

    def feed_path(self, tags, request=None) -> str:
        if tags:
            return self.tag_path(tags, request) + "feed/"
        return self.get_url(request) + self.reverse_subpage("feed")

    def listing(self, request, tags_in_use, tags, too_many=()):
        """The stories carrying every tag in `tags` (AND: each ticked filter
        narrows the list, as readers expect). `too_many`: the slugs of a filter
        asked for with more tags than it takes, shown ticked with an error
        over every story."""
        stories = self.stories()
        if tags:
            stories = stories.tagged_with_all([tag.slug for tag in tags])
        page_obj = paginate(
            request,
            stories,
            self.per_page,
            count_key=("stories", self.pk, *(tag.slug for tag in tags)),
        )
        canonical = self.get_full_url(request)
        if tags:
            canonical += self.tag_subpath(tags)
        if page_obj.number > 1:
            canonical += f"?page={page_obj.number}"
        return self.render(
            request,
            context_overrides={
                "page_obj": page_obj,
                "tags_in_use": tags_in_use,
                "max_filter_tags": MAX_FILTER_TAGS,
                "chosen_tags": tags,
                "chosen_slugs": set(too_many) or {tag.slug for tag in tags},
                # (link, message): the error summary links to the first box.
                "filter_errors": [
                    (
                        f"#tag-{tags_in_use[0].slug}",
                        f"Select up to {MAX_FILTER_TAGS} topics",
                    )
                ]
                if too_many
                else [],
                "filter_title": " and ".join(tag.name for tag in tags),
                "canonical_url": canonical,
                "feed_path": self.feed_path(tags, request),
            },
        )

    @path("")
    def all_stories(self, request):
        tags_in_use = self.tags_in_use()
        slugs = request.GET.getlist("tag")
        if not slugs:
            return self.listing(request, tags_in_use, [])
        # The filter form asks with ?tag=a&tag=b; the answer lives at one
        # address per combination, with its own title and canonical URL. A
        # topic no story carries any more (since the form was shown) is
        # dropped; too many is the form's error, not a missing page.
        known = {tag.slug for tag in tags_in_use}
        chosen = sorted(set(slugs) & known)
        if len(chosen) > MAX_FILTER_TAGS:
            return self.listing(request, tags_in_use, [], too_many=chosen)
        if not chosen:
            return redirect(self.get_url(request))
        return redirect(self.tag_path(self.chosen_tags(chosen, tags_in_use), request))

    # Before "tagged", whose pattern would otherwise take "feed" for a tag.
    @re_path(rf"^(?:tag/{TAG_SLUGS}/)?feed/$")
    def feed(self, request, slugs=None):
        tags = []
        if slugs:
            tags = self.chosen_tags(slugs.split("/"), self.tags_in_use())
        return StoryFeed(self, tags)(request)

    @re_path(rf"^tag/{TAG_SLUGS}/$")
    def tagged(self, request, slugs):
        tags_in_use = self.tags_in_use()
        requested = slugs.split("/")
        tags = self.chosen_tags(requested, tags_in_use)
        if [tag.slug for tag in tags] != requested:
            return redirect(self.tag_path(tags, request), permanent=True)
        return self.listing(request, tags_in_use, tags)


def stories_under(index):
    """The live, public stories of a story index (or its TreePosition)."""
    return StoryPage.objects.under_index(index).for_listing()


_tags_in_use = Memo(lambda index: tags_with_counts(stories_under(index)))
# Each story's "more stories like this", by story: ranking every story that
# shares a tag was the story page's slowest query (2 ms to run, 2 to plan at
# 2,000 stories), and it changes only with content. Read-only in templates.
_related_stories = Memo(max_entries=1000)


class StoryRelatedPage(Orderable):
    """A consultation, meeting or agenda item the story's outcome came from:
    a link between pages, so it follows moves and renames."""

    story = ParentalKey(
        "stories.StoryPage", on_delete=models.CASCADE, related_name="related_pages"
    )
    page = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="+"
    )

    panels = [
        PageChooserPanel(
            "page",
            page_type=["consultations.ConsultationPage", "committees.MeetingPage"],
        )
    ]

    def clean(self):
        super().clean()
        if self.page_id and self.page.specific_class is not None:
            label = self.page.specific_class._meta.label
            if label not in RELATED_PAGE_TYPES:
                raise ValidationError({"page": "Choose a consultation or a meeting."})


class StoryPage(FewerQueriesPageMixin, RoutablePageMixin, LinkedPlacesMixin, Page):
    published_on = models.DateField("Date", default=datetime.date.today)
    summary = models.CharField(max_length=250)
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    hero_image_alt = models.CharField(
        "Alternative text",
        max_length=250,
        blank=True,
        help_text="What the image shows, for people who cannot see it.",
    )
    hero_image_decorative = models.BooleanField(
        "The image is decorative",
        default=False,
        help_text="Tick only if the image adds nothing a reader would miss.",
    )
    body = StreamField(StoryBodyBlock())
    tags = ClusterTaggableManager(
        through=StoryTag, blank=True, help_text="Topics readers can filter by."
    )
    areas = ParentalManyToManyField(
        Area, blank=True, related_name="stories", verbose_name="places"
    )

    objects = StoryManager()

    content_panels = [
        *Page.content_panels,
        FieldPanel("published_on"),
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldPanel("hero_image"),
                FieldPanel("hero_image_alt"),
                FieldPanel("hero_image_decorative"),
            ],
            heading="Hero image",
        ),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel("tags"),
                FieldPanel("areas", widget=forms.CheckboxSelectMultiple),
            ],
            heading="Topics and places",
        ),
        InlinePanel(
            "related_pages",
            heading="Related consultations and meetings",
            label="Related page",
        ),
    ]
    api_fields = [
        APIField("published_on"),
        APIField("summary"),
        APIField("tags"),
        APIField("places"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
        index.RelatedFields("tags", [index.SearchField("name")]),
    ]
    parent_page_types = ["stories.StoryIndexPage"]
    subpage_types = []

    class Meta:
        indexes = [models.Index(fields=["-published_on"])]

    def clean(self):
        super().clean()
        if (
            self.hero_image_id
            and not self.hero_image_decorative
            and not self.hero_image_alt.strip()
        ):
            raise ValidationError(
                {"hero_image_alt": "Describe the image, or tick that it is decorative."}
            )

    def related_links(self):
        """The live, public pages the editor chose, in their order, each with
        the kind of page it is. One query for the links and one per page type."""
        ids = [link.page_id for link in self.related_pages.all() if link.page_id]
        # open_pages(): not a part-two item either (one made exempt after
        # the story linked to it).
        pages = open_pages().filter(pk__in=ids).specific()
        by_id = {page.pk: page for page in pages}
        return [
            {
                "page": by_id[pk],
                "kind": RELATED_PAGE_TYPES.get(
                    by_id[pk]._meta.label, by_id[pk]._meta.verbose_name.capitalize()
                ),
            }
            for pk in ids
            if pk in by_id
        ]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Deferred: the index's own fields are not needed to build its URLs.
        index_page = self.get_parent().specific_deferred
        context["tags"] = [
            {"name": tag.name, "url": index_page.tag_path([tag], request)}
            for tag in self.tags.all()
        ]
        context["areas"] = area_links(self.areas.all(), self, request)
        context["related_links"] = self.related_links()
        context["related_stories"] = self.related_stories(request)
        return context

    def related_stories(self, request) -> tuple:
        """Live stories sharing most tags with this one, kept per story; a
        preview may be of a story not yet saved, with nothing to key it by."""

        def build():
            return tuple(StoryPage.objects.related_to(self))

        if getattr(request, "is_preview", False):
            return build()
        return _related_stories.get(self.pk, build=build)

    def call_to_action(self, block_id: str):
        for block in self.body:
            if block.block_type == "call_to_action" and block.id == block_id:
                return block.value
        return None

    @path("contact/<uuid:block_id>/")
    def contact(self, request, block_id):
        """The email address of a call to action, one link away from the
        story, so it is never in the story's HTML for harvesters to read."""
        value = self.call_to_action(str(block_id))
        if not value or not value["email"]:
            raise Http404("No such contact")
        # Not self.render(): the story's related content is not needed here.
        response = TemplateResponse(
            request,
            "stories/story_contact.html",
            {"page": self, "self": self, "request": request, "contact": value},
        )
        response["X-Robots-Tag"] = "noindex, nofollow"
        return response
