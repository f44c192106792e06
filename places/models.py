"""Places: the wards, parishes and towns that consultations, agenda items,
councillors and stories are about, the postcodes in each ward, and the
public "Your area" page that joins them (ANCHORS, differentiator 9)."""

from typing import NamedTuple

from django.db import models
from django.shortcuts import get_object_or_404, redirect
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page

from core.blocks import INLINE_RICH_TEXT_FEATURES
from core.content_generation import Memo
from core.querysets import section_indexes
from core.routing import FewerQueriesPageMixin

from .forms import PostcodeForm
from .sections import sections_for


class AreaKind(models.TextChoices):
    WARD = "ward", "Ward"
    PARISH = "parish", "Parish"
    TOWN = "town", "Town"


# Headings for the lists of each kind, in the order they are listed.
PLURALS = {AreaKind.WARD: "Wards", AreaKind.PARISH: "Parishes", AreaKind.TOWN: "Towns"}


class AreaQuerySet(models.QuerySet):
    def with_page(self):
        """Areas with a public page: every ward, parish and town. An area of
        no kind is a label for stories only."""
        return self.exclude(kind="")


class Area(models.Model):
    """A place records are about: linked, not named in text, so that one
    place's page can gather them all."""

    name = models.CharField(max_length=100)
    slug = models.SlugField(
        "Page address",
        max_length=100,
        unique=True,
        help_text="The end of the place's page address, for example "
        '"eastside" for /your-area/eastside/.',
    )
    kind = models.CharField(max_length=10, choices=AreaKind.choices, blank=True)
    code = models.CharField(
        "ONS code",
        max_length=9,
        blank=True,
        db_index=True,
        help_text="The Office for National Statistics code, for example "
        '"E05012345" for a ward: postcodes are matched to wards by it.',
    )

    objects = AreaQuerySet.as_manager()

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("kind"),
        FieldPanel("code"),
    ]

    class Meta:
        ordering = ["name"]
        constraints = [
            # Postcodes are matched to wards by it (import_postcodes).
            models.UniqueConstraint(
                fields=["code"],
                condition=~models.Q(code=""),
                name="places_area_unique_ons_code",
                violation_error_message="Another place has this ONS code.",
            )
        ]

    def __str__(self):
        return (
            f"{self.name} ({self.get_kind_display().lower()})"
            if self.kind
            else self.name
        )

    def as_data(self) -> dict:
        """For the API: what a place is, and its ONS code to join other
        data to."""
        return {
            "slug": self.slug,
            "name": self.name,
            "kind": self.kind,
            "ons_code": self.code,
        }


class LinkedPlacesMixin:
    """For a model with `areas`: its places as the API gives them."""

    @property
    def places(self) -> list[dict]:
        return [area.as_data() for area in self.areas.all()]


class Postcode(models.Model):
    """Which ward a postcode is in, as loaded from the ONS postcode directory
    (`manage.py import_postcodes`)."""

    postcode = models.CharField(max_length=8, primary_key=True)
    ward = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="postcodes")

    def __str__(self):
        return self.postcode


class AreaIndexPage(FewerQueriesPageMixin, RoutablePageMixin, Page):
    """ "Your area": every place with a page, a postcode search that finds a
    resident's ward, and a page per place."""

    intro = RichTextField(features=INLINE_RICH_TEXT_FEATURES, blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count = 1

    def get_sitemap_urls(self, request=None):
        base = self.get_full_url(request)
        return [
            *super().get_sitemap_urls(request),
            *({"location": place_url(base, choice.slug)} for choice in place_choices()),
        ]

    @path("")
    def areas(self, request):
        form = PostcodeForm(request.GET if "postcode" in request.GET else None)
        if form.is_valid():
            return redirect(place_url(self.get_url(request), form.ward.slug))
        return self.render(
            request,
            context_overrides={
                "form": form,
                "areas_by_kind": areas_by_kind(place_choices()),
                "canonical_url": self.get_full_url(request),
            },
        )

    @path("<slug:slug>/")
    def area(self, request, slug):
        place = get_object_or_404(Area.objects.with_page(), slug=slug)
        ancestors = self.routed_ancestors()
        # The home page: this page's parent (parent_page_types).
        indexes = section_indexes(ancestors[0])
        return self.render(
            request,
            template="places/area_page.html",
            context_overrides={
                "area": place,
                "sections": sections_for(place, request, indexes),
                "crumbs": [*ancestors, self],
                "canonical_url": place_url(self.get_full_url(request), slug),
            },
        )


def place_url(index_url: str, slug: str) -> str:
    """The address of a place's page, from that of the "Your area" page
    (which may be a plain Page: core.querysets.section_indexes gives those)."""
    return index_url + AreaIndexPage.get_resolver().reverse("area", slug)


class PlaceChoice(NamedTuple):
    slug: str
    name: str
    pk: int
    kind: str


# Every register and filter lists the same places.
_place_choices = Memo(
    lambda: tuple(
        PlaceChoice(*row)
        for row in Area.objects.with_page().values_list("slug", "name", "pk", "kind")
    )
)


def place_choices() -> tuple[PlaceChoice, ...]:
    """The places with a page, by name, for a filter's list: kept per
    content generation."""
    return _place_choices.get()


def areas_by_kind(areas) -> list[tuple[str, list]]:
    """(heading, areas) for each kind that has any, wards first."""
    grouped = {kind: [] for kind in PLURALS}
    for area in areas:
        # A kind no longer offered (left in the database) is not listed.
        grouped.get(area.kind, []).append(area)
    return [(PLURALS[kind], members) for kind, members in grouped.items() if members]
