from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.functional import SimpleLazyObject
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.api import APIField
from wagtail.contrib.forms.models import AbstractForm, AbstractFormField
from wagtail.contrib.forms.panels import FormSubmissionsPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, PageManager
from wagtail.rich_text import expand_db_html
from wagtail.search import index

from core.blocks import INLINE_RICH_TEXT_FEATURES, BodyBlock
from core.content_generation import Memo
from core.pagination import paginate
from core.routing import FewerQueriesPageMixin, MemoisedChildRouteMixin
from places.links import area_links
from places.models import LinkedPlacesMixin, place_choices

from .enums import ConsultationStatus
from .exports import ResponsesListView
from .feeds import ConsultationFeed
from .forms import NOTHING_CHOSEN_FOR_RESIDENTS, ConsultationFormBuilder, HubFilterForm
from .hub import ConsultationsById, hub_order
from .intake import ResponseIntake
from .querysets import ConsultationQuerySet
from .stop_emails import stop_emails_view
from .submissions import ConsultationResponse
from .timeline import consultation_thread

ConsultationManager = PageManager.from_queryset(ConsultationQuerySet)


# How long personal details in responses may be kept after closing.
MAX_RETENTION_MONTHS = 24


class ConsultationIndexPage(
    FewerQueriesPageMixin, RoutablePageMixin, MemoisedChildRouteMixin, Page
):
    """The "Have your say" hub."""

    intro = RichTextField(features=INLINE_RICH_TEXT_FEATURES, blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["consultations.ConsultationPage"]
    max_count = 1
    per_page = 20
    outcome_strip_size = 3

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        now = timezone.now()
        filters = HubFilterForm(request.GET, places=place_choices())
        consultations = ConsultationsById(self, hub_order(self, filters, now))
        context.update(
            filters=filters,
            filtering=filters.is_filtering,
            page_obj=paginate(request, consultations, self.per_page),
            query_prefix=filters.query_prefix,
            recent_outcomes=ConsultationPage.objects.under_index(self).recent_outcomes(
                now, self.outcome_strip_size
            ),
            now=now,
        )
        return context

    @path("feed/")
    def feed(self, request):
        return ConsultationFeed(self)(request)


class ConsultationTag(TaggedItemBase):
    content_object = ParentalKey(
        "consultations.ConsultationPage",
        on_delete=models.CASCADE,
        related_name="tagged_items",
    )


class QuestionField(AbstractFormField):
    """One question of a consultation's response form, built by editors."""

    page = ParentalKey(
        "consultations.ConsultationPage",
        on_delete=models.CASCADE,
        related_name="form_fields",
    )
    is_personal = models.BooleanField(
        "Personal information",
        default=False,
        help_text="Names, addresses, phone numbers and the like: removed from "
        "responses when the retention period ends. Email questions always are.",
    )

    panels = [*AbstractFormField.panels, FieldPanel("is_personal")]

    def clean(self):
        super().clean()
        if self.field_type in NOTHING_CHOSEN_FOR_RESIDENTS and self.default_value:
            raise ValidationError(
                {
                    "default_value": "Leave this empty for tick boxes and choices: "
                    "residents choose their own answers, so nothing starts ticked "
                    "or chosen."
                }
            )


# Each consultation's response form class (ConsultationPage.get_form_class),
# the most recently used kept: a council has dozens of live consultations.
_form_classes = Memo(max_entries=200)


class ConsultationPage(
    FewerQueriesPageMixin, RoutablePageMixin, LinkedPlacesMixin, AbstractForm
):
    summary = models.CharField(
        max_length=250,
        help_text="One or two sentences: what is proposed and who it affects.",
    )
    opens_at = models.DateTimeField("Opens")
    closes_at = models.DateTimeField("Closes")
    audience = models.CharField(
        "Who we are asking",
        max_length=250,
        blank=True,
        help_text="For example: residents, businesses and voluntary groups.",
    )
    area = models.CharField(
        "Area, in words",
        max_length=250,
        blank=True,
        help_text='Shown where no places are chosen, for example "Borough-wide".',
    )
    areas = ParentalManyToManyField(
        "places.Area",
        blank=True,
        related_name="consultations",
        verbose_name="places",
        help_text="It is listed on each place's page. Leave empty if it is for "
        "the whole council area.",
    )
    body = StreamField(BodyBlock())
    ways_to_respond = RichTextField(
        features=INLINE_RICH_TEXT_FEATURES,
        blank=True,
        help_text="Other ways to respond: email, post, drop-in events.",
    )
    contact_name = models.CharField(max_length=120, blank=True)
    contact_email = models.EmailField(blank=True)
    contact_phone = models.CharField(max_length=40, blank=True)
    tags = ClusterTaggableManager(through=ConsultationTag, blank=True)

    privacy_notice = RichTextField(
        features=INLINE_RICH_TEXT_FEATURES,
        blank=True,
        help_text="Shown beside the submit button. Leave blank for the site's default.",
    )
    ask_equality_questions = models.BooleanField(
        default=False,
        help_text="Add the optional equality monitoring questions (age, sex, "
        "disability, ethnic group) to the form. Answers are stored separately.",
    )
    retention_months = models.PositiveSmallIntegerField(
        default=MAX_RETENTION_MONTHS,
        # The council's retention schedule (QUALITY PRIV-04): at most two years.
        validators=[
            MaxValueValidator(
                MAX_RETENTION_MONTHS,
                "Personal details can be kept for at most 24 months after closing.",
            )
        ],
        help_text="Months after closing before personal details in responses are "
        "removed: 24 at most.",
    )
    confirmation_text = RichTextField(
        features=INLINE_RICH_TEXT_FEATURES,
        blank=True,
        help_text="What happens next, shown after someone responds.",
    )

    we_asked = RichTextField("We asked", features=INLINE_RICH_TEXT_FEATURES, blank=True)
    you_said = RichTextField("You said", features=INLINE_RICH_TEXT_FEATURES, blank=True)
    we_did = RichTextField("We did", features=INLINE_RICH_TEXT_FEATURES, blank=True)
    outcome_published_at = models.DateTimeField(
        "Outcome published",
        null=True,
        blank=True,
        help_text="The outcome shows from this date. It must be after the closing date.",
    )

    objects = ConsultationManager()
    form_builder = ConsultationFormBuilder
    submissions_list_view_class = ResponsesListView

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("opens_at"), FieldPanel("closes_at")])],
            heading="Dates (UK time)",
        ),
        FieldPanel("audience"),
        FieldPanel("areas", widget=forms.CheckboxSelectMultiple),
        FieldPanel("area"),
        FieldPanel("tags"),
        FieldPanel("body"),
        FieldPanel("ways_to_respond"),
        MultiFieldPanel(
            [
                FieldPanel("contact_name"),
                FieldPanel("contact_email"),
                FieldPanel("contact_phone"),
            ],
            heading="Contact",
        ),
    ]
    response_panels = [
        FormSubmissionsPanel(),
        InlinePanel("form_fields", label="Question"),
        FieldPanel("confirmation_text"),
        FieldPanel("ask_equality_questions"),
        FieldPanel("privacy_notice"),
        FieldPanel("retention_months"),
    ]
    outcome_panels = [
        FieldPanel("we_asked"),
        FieldPanel("you_said"),
        FieldPanel("we_did"),
        FieldPanel("outcome_published_at"),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading="Content"),
            ObjectList(response_panels, heading="Response form"),
            ObjectList(outcome_panels, heading="Outcome"),
            ObjectList(Page.promote_panels, heading="Promote"),
            ObjectList(Page.settings_panels, heading="Settings"),
        ]
    )
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("opens_at"),
        index.FilterField("closes_at"),
    ]
    # The public facts of a consultation: never its form, responses or contacts.
    api_fields = [
        APIField("summary"),
        APIField("opens_at"),
        APIField("closes_at"),
        APIField("status"),
        APIField("audience"),
        APIField("area"),
        APIField("places"),
        APIField("tags"),
        APIField("outcome"),
    ]
    parent_page_types = ["consultations.ConsultationIndexPage"]
    subpage_types = []

    class Meta:
        indexes = [
            models.Index(fields=["opens_at", "closes_at"]),
            # "Closing soonest" (home page, hub): read in order off the index.
            models.Index(
                fields=["closes_at", "page_ptr"], name="consultations_closing_order"
            ),
            # The hub's newest outcomes, read in order off the index.
            models.Index(
                fields=["-outcome_published_at", "page_ptr"],
                condition=models.Q(outcome_published_at__isnull=False),
                name="consultations_outcome_order",
            ),
        ]

    def clean(self):
        super().clean()
        errors = {}
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            errors["closes_at"] = "The closing date must be after the opening date."
        if self.outcome_published_at:
            if self.closes_at and self.outcome_published_at < self.closes_at:
                errors["outcome_published_at"] = (
                    "An outcome can only be published after the consultation closes."
                )
            if not self.we_did:
                errors["we_did"] = "Say what you did before publishing the outcome."
        if errors:
            raise ValidationError(errors)

    def status_at(self, moment) -> ConsultationStatus:
        """Derived from the dates and the outcome, never stored: a stored flag
        could drift from the dates it describes."""
        if moment < self.opens_at:
            return ConsultationStatus.FORTHCOMING
        if moment < self.closes_at:
            return ConsultationStatus.OPEN
        if self.outcome_published_at and self.outcome_published_at <= moment:
            return ConsultationStatus.OUTCOME_PUBLISHED
        return ConsultationStatus.CLOSED

    @property
    def status(self) -> ConsultationStatus:
        return self.status_at(timezone.now())

    @property
    def outcome(self) -> dict | None:
        """ "We asked, you said, we did" as the page shows it, once published:
        before then an outcome typed in is a draft, for nobody outside."""
        if self.status != ConsultationStatus.OUTCOME_PUBLISHED:
            return None
        return {
            "published_at": self.outcome_published_at.isoformat(),
            "we_asked": expand_db_html(self.we_asked),
            "you_said": expand_db_html(self.you_said),
            "we_did": expand_db_html(self.we_did),
        }

    # Responses -----------------------------------------------------------------

    def get_form_class(self):
        """The response form's class, built from the questions. A live page's
        questions change only when it is published, which replaces the
        content generation, so each process keeps the class it built: every
        view of the form and every response sent would otherwise fetch the
        questions and build their fields again (a query and most of a
        millisecond). A preview, or a page not yet saved, holds its questions
        in memory and builds its own."""
        if self.pk is None or self.form_fields.is_deferring:
            return super().get_form_class()
        return _form_classes.get(self.pk, build=super().get_form_class)

    def get_submission_class(self):
        return ConsultationResponse

    def get_data_fields(self):
        return [
            ("reference", "Reference"),
            ("channel", "Channel"),
            *super().get_data_fields(),
        ]

    def get_context(self, request, *args, moment=None, **kwargs):
        """`moment`: the instant to show the page as of (now if not given):
        a response is checked against the closing time when it arrives, and
        the page shown back must agree with that check."""
        context = super().get_context(request, *args, **kwargs)
        context["status"] = self.status_at(moment or timezone.now())
        context["places"] = SimpleLazyObject(
            lambda: area_links(self.areas.all(), self, request)
        )
        status = context["status"]
        # Fetched only if the template shows them: the confirmation page and a
        # form shown again with errors do not.
        thread = SimpleLazyObject(lambda: consultation_thread(self, status, request))
        # The decisions this consultation informs (committees' forward plan).
        context["planned_decisions"] = SimpleLazyObject(
            lambda: [notice for notice in thread.notices if notice.withdrawn_on is None]
        )
        # Once it has closed: what happened next, as one timeline (the thread
        # has none while the consultation is open).
        context["timeline"] = SimpleLazyObject(lambda: thread.timeline)
        return context

    @path("")
    def respond(self, request):
        return self._no_store(ResponseIntake(self, request).handle())

    @path("response/")
    def confirmation(self, request):
        return self._no_store(ResponseIntake(self, request).confirmation())

    @path("stop-emails/<slug:reference>/<slug:signature>/")
    def stop_emails(self, request, reference, signature):
        return self._no_store(stop_emails_view(request, self, reference, signature))

    @staticmethod
    def _no_store(response):
        # Forms carry CSRF tokens and answers carry personal data: never let a
        # shared cache keep them (QUALITY SEC-16).
        patch_cache_control(response, private=True, no_store=True)
        return response

    def serve_preview(self, request, mode_name):
        return self._no_store(ResponseIntake(self, request).handle(preview=True))

    def get_preview_context(self, request, mode_name):
        return self.get_context(request)

    preview_modes = [("", "Page")]
