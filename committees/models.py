from operator import attrgetter

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.functional import SimpleLazyObject
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    PageChooserPanel,
    TabbedInterface,
)
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page, PageManager
from wagtail.search import index

from core.blocks import INLINE_RICH_TEXT_FEATURES, BodyBlock
from core.querysets import (
    any_view_restrictions,
    viewable_documents,
    without_hidden_pages,
)
from core.routing import FewerQueriesPageMixin, MemoisedChildRouteMixin
from places.links import area_links
from places.models import LinkedPlacesMixin

from . import calendar, councillors, registers
from .actions import Action, ActionUpdate
from .admin_forms import MeetingPageForm
from .enums import (
    AttendanceCapacity,
    AttendanceStatus,
    MeetingDocumentKind,
    MeetingStatus,
    MembershipRole,
    MinutesStatus,
)
from .forward_plan import ForwardPlanEntry
from .minutes import (
    SEARCHED_MINUTES,
    AttendanceEvent,
    Declaration,
    KeyPoint,
    Motion,
    PublicQuestion,
    Resolution,
    Witness,
    call_ins_considered_at,
    link_scrutiny,
    searchable_minutes,
)
from .people import Person
from .permissions import (
    ApprovedMinutesLock,
    SectionPermissionTester,
    refuse_expiry_above_approved_minutes,
)
from .querysets import AgendaItemQuerySet, MeetingQuerySet, prefetch_minutes

__all__ = [
    "Action",
    "ActionUpdate",
    "AgendaItemConsultation",
    "AgendaItemDocument",
    "AgendaItemPage",
    "AttendanceEvent",
    "CommitteeIndexPage",
    "CommitteeMembership",
    "CommitteePage",
    "Declaration",
    "ForwardPlanEntry",
    "KeyPoint",
    "MeetingAttendance",
    "MeetingDocument",
    "MeetingPage",
    "Motion",
    "Person",
    "PublicQuestion",
    "Resolution",
    "Witness",
]

MeetingManager = PageManager.from_queryset(MeetingQuerySet)
AgendaItemManager = PageManager.from_queryset(AgendaItemQuerySet)


class SectionPage(FewerQueriesPageMixin, Page):
    """A page of the committees section, which democratic services own."""

    class Meta:
        abstract = True

    def permissions_for_user(self, user):
        return SectionPermissionTester(user, self)

    def clean(self):
        super().clean()
        refuse_expiry_above_approved_minutes(self)


ROLE_ORDER = {role: position for position, role in enumerate(MembershipRole.values)}


def membership_order(membership):
    """Chair first, then vice-chair, members and co-opted members, each
    group in the order editors set."""
    return (
        ROLE_ORDER.get(membership.role, len(ROLE_ORDER)),
        membership.sort_order or 0,
    )


class CommitteeIndexPage(RoutablePageMixin, MemoisedChildRouteMixin, SectionPage):
    """ "Meetings and decisions": every committee, board and panel, and the
    registers that cut across them (decisions, actions, the calendar)."""

    intro = RichTextField(features=INLINE_RICH_TEXT_FEATURES, blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["committees.CommitteePage"]
    max_count = 1

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # A callable, which the template calls: the registers render with this
        # page's context too, but do not list the committees.
        context["committees"] = self.listed_committees
        return context

    def listed_committees(self):
        return list(
            CommitteePage.objects.child_of(self).live().public().defer_streamfields()
        )

    # The registers every search engine should find, beside this page.
    SITEMAP_ROUTES = (
        "meetings_register",
        "decisions_register",
        "action_tracker",
        "forward_plan",
        "councillors",
    )

    def get_sitemap_urls(self, request=None):
        base = self.get_full_url(request)
        return [
            *super().get_sitemap_urls(request),
            *(
                {"location": base + self.reverse_subpage(route)}
                for route in self.SITEMAP_ROUTES
            ),
            *(
                {"location": base + self.reverse_subpage("councillor", args=(slug,))}
                for slug in councillors.councillors_with_pages(self).values_list(
                    "slug", flat=True
                )
            ),
        ]

    @path("meetings/")
    def meetings_register(self, request):
        return registers.meetings_register(request, self)

    @path("councillors/")
    def councillors(self, request):
        return councillors.councillors_page(request, self)

    @path("councillors/<slug:slug>/")
    def councillor(self, request, slug):
        return councillors.councillor_page(request, self, slug)

    @path("decisions/")
    def decisions_register(self, request):
        return registers.decisions_register(request, self)

    @path("decisions/feed/")
    def decisions_feed(self, request):
        return registers.decisions_feed(request, self)

    # Wagtail's page paths cannot hold a dot: no ".csv" on these two.
    @path("decisions/csv/")
    def decisions_csv(self, request):
        return registers.decisions_csv(request, self)

    @path("actions/")
    def action_tracker(self, request):
        return registers.action_tracker(request, self)

    @path("actions/csv/")
    def actions_csv(self, request):
        return registers.actions_csv(request, self)

    @path("calendar/")
    def meetings_calendar(self, request):
        return calendar.meetings_calendar(request, section=self)

    @path("forward-plan/")
    def forward_plan(self, request):
        return registers.forward_plan(request, self)

    @path("forward-plan/feed/")
    def forward_plan_feed(self, request):
        return registers.forward_plan_feed(request, self)

    @path("forward-plan/csv/")
    def forward_plan_csv(self, request):
        return registers.forward_plan_csv(request, self)

    @path("forward-plan/<slug:slug>/")
    def forward_plan_entry(self, request, slug):
        return registers.forward_plan_entry(request, self, slug)


class CommitteePage(RoutablePageMixin, MemoisedChildRouteMixin, SectionPage):
    summary = models.CharField(max_length=250, help_text="What the committee is for.")
    terms_of_reference = StreamField(BodyBlock(), blank=True)
    contact_officer = models.ForeignKey(
        Person,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Usually a democratic services officer.",
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("terms_of_reference"),
        InlinePanel("memberships", label="Member", heading="Members"),
        FieldPanel("contact_officer"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("terms_of_reference"),
    ]
    api_fields = [APIField("summary")]
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
        context["members"] = self.ordered_memberships()
        context["latest_decisions"] = registers.latest_decisions(self)
        section = self.get_parent().specific
        section_url = section.get_url(request)
        context["meetings_url"] = section_url + section.reverse_subpage(
            "meetings_register"
        )
        context["decisions_url"] = section_url + section.reverse_subpage(
            "decisions_register"
        )
        context["councillors_url"] = section_url + section.reverse_subpage(
            "councillors"
        )
        # Its councillors have pages only while this committee is public
        # (committees.councillors); a query only while any page is restricted.
        context["link_councillors"] = (
            not any_view_restrictions() or not self.get_view_restrictions().exists()
        )
        return context

    @path("calendar/")
    def meetings_calendar(self, request):
        return calendar.meetings_calendar(request, committee=self)

    def ordered_memberships(self):
        """Chair first, then vice-chair, members and co-opted members, each
        group in the order editors set."""
        return sorted(self.memberships.select_related("person"), key=membership_order)


class CommitteeMembership(Orderable):
    page = ParentalKey(
        "committees.CommitteePage", on_delete=models.CASCADE, related_name="memberships"
    )
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="committee_memberships"
    )
    role = models.CharField(
        max_length=20, choices=MembershipRole.choices, default=MembershipRole.MEMBER
    )

    panels = [FieldPanel("person"), FieldPanel("role")]

    def __str__(self):
        return f"{self.person} ({self.get_role_display()})"


class MeetingPage(MemoisedChildRouteMixin, SectionPage):
    base_form_class = MeetingPageForm

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
    online_url = models.URLField(
        "Online meeting link",
        blank=True,
        help_text="Where members of the public can join, if they can.",
    )
    webcast_url = models.URLField(
        "Webcast link", blank=True, help_text="The live stream or the recording."
    )
    body = StreamField(
        BodyBlock(), blank=True, help_text="Notes for the public, if any."
    )
    minutes_status = models.CharField(
        max_length=20, choices=MinutesStatus.choices, default=MinutesStatus.NONE
    )
    minutes_approved_on = models.DateField(
        "Date approved",
        null=True,
        blank=True,
        help_text="The date of the meeting that approved the minutes.",
    )
    minutes_approved_at = models.ForeignKey(
        "committees.MeetingPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="Approved at",
        help_text="The meeting that approved them, if it is on this site.",
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
                FieldPanel("webcast_url"),
            ],
            heading="When and where (UK time)",
        ),
        FieldPanel("body"),
        InlinePanel("documents", label="Document", heading="Agenda pack and papers"),
        InlinePanel("attendance", label="Attendee", heading="Attendance"),
        MultiFieldPanel(
            [
                FieldPanel("minutes_status"),
                FieldRowPanel(
                    [
                        FieldPanel("minutes_approved_on"),
                        PageChooserPanel(
                            "minutes_approved_at", "committees.MeetingPage"
                        ),
                    ]
                ),
            ],
            heading="Minutes",
        ),
    ]
    search_fields = [*Page.search_fields, index.FilterField("starts_at")]
    api_fields = [
        APIField("starts_at"),
        APIField("ends_at"),
        APIField("status"),
        APIField("location"),
        APIField("online_url"),
        APIField("webcast_url"),
        APIField("minutes_status"),
        APIField("minutes_approved_on"),
    ]
    parent_page_types = ["committees.CommitteePage"]
    subpage_types = ["committees.AgendaItemPage"]

    class Meta:
        indexes = [models.Index(fields=["starts_at"])]

    @property
    def minutes_published(self) -> bool:
        return self.minutes_status in MinutesStatus.published()

    @property
    def minutes_approved(self) -> bool:
        return self.minutes_status == MinutesStatus.APPROVED

    def clean(self):
        super().clean()
        errors = {}
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            errors["ends_at"] = "The end must be after the start."
        if self.minutes_approved_at_id and not self.minutes_approved_on:
            self.minutes_approved_on = timezone.localdate(
                self.minutes_approved_at.starts_at
            )
        if self.minutes_approved and not self.minutes_approved_on:
            errors["minutes_approved_on"] = (
                "Enter the date of the meeting that approved the minutes."
            )
        if self.minutes_approved_on and not self.minutes_approved:
            errors["minutes_approved_on"] = (
                "Only approved minutes have an approval date: clear it, or mark "
                "the minutes approved."
            )
        held_on = timezone.localdate(self.starts_at) if self.starts_at else None
        if self.minutes_approved_on and held_on and self.minutes_approved_on < held_on:
            errors["minutes_approved_on"] = (
                "Minutes cannot be approved before the meeting took place."
            )
        if (
            self.minutes_published
            and self.starts_at
            and self.starts_at > timezone.now()
        ):
            errors["minutes_status"] = (
                "A meeting that has not happened yet has no minutes."
            )
        if errors:
            raise ValidationError(errors)

    def get_lock(self):
        if self.minutes_approved:
            return ApprovedMinutesLock(self, meeting=self)
        return super().get_lock()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        items = list(AgendaItemPage.objects.for_meeting(self))
        if self.minutes_published:
            prefetch_minutes(items, self)
            link_scrutiny(items)
        context["agenda_items"] = items
        context["attendance_groups"] = self.attendance_groups()
        context["documents"] = viewable_documents(
            self.documents.select_related("document")
        )
        return context

    def attendance_groups(self):
        """(heading, records) pairs for the public record of who attended,
        leaving out empty groups."""
        records = list(
            self.attendance.select_related("person", "substitute_for").order_by(
                "sort_order", "pk"
            )
        )
        members = [r for r in records if r.capacity == AttendanceCapacity.MEMBER]
        others_present = [
            r
            for r in records
            if r.capacity != AttendanceCapacity.MEMBER
            and r.status in (AttendanceStatus.PRESENT, AttendanceStatus.SUBSTITUTE)
        ]
        groups = [
            (
                "Members present",
                [r for r in members if r.status == AttendanceStatus.PRESENT],
            ),
            (
                "Substitutes",
                [r for r in members if r.status == AttendanceStatus.SUBSTITUTE],
            ),
            (
                "Apologies",
                [r for r in records if r.status == AttendanceStatus.APOLOGIES],
            ),
            ("Absent", [r for r in records if r.status == AttendanceStatus.ABSENT]),
            (
                "Officers in attendance",
                [r for r in others_present if r.capacity == AttendanceCapacity.OFFICER],
            ),
            (
                "Guests in attendance",
                [r for r in others_present if r.capacity == AttendanceCapacity.GUEST],
            ),
        ]
        return [(heading, group) for heading, group in groups if group]


class MeetingAttendance(Orderable):
    page = ParentalKey(
        "committees.MeetingPage", on_delete=models.CASCADE, related_name="attendance"
    )
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="meeting_attendance"
    )
    status = models.CharField(
        max_length=20,
        choices=AttendanceStatus.choices,
        default=AttendanceStatus.PRESENT,
    )
    substitute_for = models.ForeignKey(
        Person,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="substituted_by",
        help_text="Required when the person attended as a substitute.",
    )
    capacity = models.CharField(
        max_length=20,
        choices=AttendanceCapacity.choices,
        default=AttendanceCapacity.MEMBER,
        help_text="Officers and guests are listed as in attendance.",
    )
    attended_online = models.BooleanField(default=False)

    panels = [
        FieldRowPanel([FieldPanel("person"), FieldPanel("capacity")]),
        FieldRowPanel([FieldPanel("status"), FieldPanel("substitute_for")]),
        FieldPanel("attended_online"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = "attendance record"

    def __str__(self):
        return f"{self.person}: {self.get_status_display()}"

    def clean(self):
        super().clean()
        if self.status == AttendanceStatus.SUBSTITUTE:
            if not self.substitute_for_id:
                raise ValidationError(
                    {"substitute_for": "Choose the member this person substituted for."}
                )
            if self.substitute_for_id == self.person_id:
                raise ValidationError(
                    {"substitute_for": "A person cannot substitute for themselves."}
                )
        elif self.substitute_for_id:
            raise ValidationError(
                {
                    "substitute_for": "Only a substitute substitutes for someone: "
                    "clear this or set the status to substitute."
                }
            )


class MeetingDocument(Orderable):
    page = ParentalKey(
        "committees.MeetingPage", on_delete=models.CASCADE, related_name="documents"
    )
    document = models.ForeignKey(
        "wagtaildocs.Document", on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(
        max_length=30,
        choices=MeetingDocumentKind.choices,
        default=MeetingDocumentKind.AGENDA_PACK,
    )
    title = models.CharField(
        max_length=250, blank=True, help_text="Leave blank to use the document's title."
    )

    panels = [
        FieldRowPanel([FieldPanel("document"), FieldPanel("kind")]),
        FieldPanel("title"),
    ]


class AgendaItemPage(LinkedPlacesMixin, SectionPage):
    """One item on a meeting's agenda, with its minutes as records (see
    minutes.py). Actions arising are records of their own (actions.py)."""

    item_number = models.CharField(
        max_length=10, help_text='As printed on the agenda, for example "5" or "5a".'
    )
    summary = models.TextField(
        "Purpose or report summary",
        blank=True,
        help_text="What the item is about, in a few sentences.",
    )
    body = StreamField(BodyBlock(), blank=True)
    is_exempt = models.BooleanField(
        "Part two: press and public excluded",
        default=False,
        help_text="The public sees only the item number: never its title, "
        "summary or page.",
    )
    areas = ParentalManyToManyField(
        "places.Area",
        blank=True,
        related_name="agenda_items",
        verbose_name="wards affected",
        help_text="Its decisions are listed on each place's page. Leave empty "
        "if it affects the whole council area.",
    )
    # The parent meeting as a column, set on every save and move (signals.py),
    # so registers and open data join records to their meeting by key instead
    # of comparing page paths row by row.
    meeting = models.ForeignKey(
        "committees.MeetingPage",
        null=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = AgendaItemManager()

    content_panels = [
        FieldRowPanel([FieldPanel("item_number"), FieldPanel("title")]),
        FieldPanel("is_exempt"),
        FieldPanel("summary"),
        FieldPanel("areas", widget=forms.CheckboxSelectMultiple),
        FieldPanel("body"),
        InlinePanel("documents", label="Report document", heading="Reports"),
        InlinePanel(
            "consultations",
            label="Consultation considered",
            heading="Consultations considered",
        ),
    ]
    minutes_panels = [
        InlinePanel(
            "declarations", label="Declaration", heading="Declarations of interest"
        ),
        InlinePanel("witnesses", label="Witness", heading="Witnesses"),
        InlinePanel(
            "key_points",
            label="Key point",
            heading="Key points raised in the discussion (numbered in this order)",
        ),
        InlinePanel(
            "attendance_events",
            label="Arrival or departure",
            heading="Arrivals and departures during the item",
        ),
        InlinePanel(
            "public_questions", label="Public question", heading="Public questions"
        ),
        InlinePanel("motions", label="Motion", heading="Motions and votes"),
        InlinePanel(
            "resolutions",
            label="Resolution",
            heading="Resolved (numbered in this order)",
        ),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading="Agenda"),
            ObjectList(minutes_panels, heading="Minutes"),
            ObjectList(Page.promote_panels, heading="Promote"),
            ObjectList(Page.settings_panels, heading="Settings"),
        ]
    )
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
        # Resolutions, points raised, public questions and motions, once the
        # minutes are out (committees.minutes.searchable_minutes).
        index.SearchField("minutes_text"),
        index.FilterField("is_exempt"),
    ]
    # Never is_exempt: exempt items are not in the API at all (config/api.py).
    api_fields = [APIField("item_number"), APIField("summary"), APIField("places")]
    parent_page_types = ["committees.MeetingPage"]
    subpage_types = []

    class Meta:
        indexes = [models.Index(fields=["is_exempt"])]

    @property
    def heading(self) -> str:
        return f"Item {self.item_number}: {self.title}"

    @classmethod
    def get_indexed_objects(cls):
        # Part-two items never reach a search index, the admin's included.
        return (
            super()
            .get_indexed_objects()
            .filter(is_exempt=False)
            .select_related("meeting")
            .prefetch_related(*SEARCHED_MINUTES)
        )

    def minutes_text(self) -> str:
        return searchable_minutes(self)

    def save(self, *args, **kwargs):
        self.meeting_id = self.meeting_id_from_tree()
        return super().save(*args, **kwargs)

    def meeting_id_from_tree(self):
        """The id of the page above this one (a meeting, by parent_page_types),
        without a query when the parent is already in hand."""
        if not self.path:
            return None
        parent_path = self.path[: -self.steplen]
        parent = getattr(self, "_cached_parent_obj", None)
        if parent is not None and parent.path == parent_path:
            return parent.pk
        return (
            Page.objects.filter(path=parent_path).values_list("pk", flat=True).first()
        )

    def get_lock(self):
        meeting = self.meeting if self.meeting_id else None
        if meeting is not None and meeting.minutes_approved:
            return ApprovedMinutesLock(self, meeting=meeting)
        return super().get_lock()

    def get_sitemap_urls(self, request=None):
        return [] if self.is_exempt else super().get_sitemap_urls(request)

    def serve(self, request, *args, **kwargs):
        if not self.is_exempt:
            return super().serve(request, *args, **kwargs)
        if not self.permissions_for_user(request.user).can_edit():
            raise Http404
        response = super().serve(request, *args, **kwargs)
        patch_cache_control(response, private=True, no_store=True)
        return response

    def agreed_actions(self):
        """The actions agreed on this item, kept apart from its revisions (a
        plain key, not a ParentalKey): none for an item previewed before its
        first save, which Django will not look them up for."""
        return self.actions.all() if self.pk else []

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        meeting = self.get_parent().specific
        context["meeting"] = meeting
        context["committee"] = meeting.get_parent()
        context["documents"] = viewable_documents(
            self.documents.select_related("document")
        )
        context["wards_affected"] = SimpleLazyObject(
            lambda: area_links(self.areas.all(), self, request)
        )
        context["consultations"] = without_hidden_pages(
            self.consultations.filter(consultation__live=True).select_related(
                "consultation"
            ),
            page_id=attrgetter("consultation_id"),
        )
        # The notice given of the decisions taken here (the forward plan);
        # none for a new item previewed before its first save.
        context["planned_decisions"] = (
            self.planned_decisions.order_by("first_published_on", "pk")
            if self.pk
            else []
        )
        # A preview shows the draft's own records (held in memory), and
        # shows them before the minutes are published.
        previewing = getattr(request, "is_preview", False)
        context["show_minutes"] = meeting.minutes_published or previewing
        if context["show_minutes"] and not previewing:
            prefetch_minutes([self], self)
            link_scrutiny([self])
        context["call_ins_considered"] = call_ins_considered_at(self)
        return context


class AgendaItemDocument(Orderable):
    page = ParentalKey(
        "committees.AgendaItemPage", on_delete=models.CASCADE, related_name="documents"
    )
    document = models.ForeignKey(
        "wagtaildocs.Document", on_delete=models.CASCADE, related_name="+"
    )
    title = models.CharField(
        max_length=250, blank=True, help_text="Leave blank to use the document's title."
    )

    panels = [FieldPanel("document"), FieldPanel("title")]


class AgendaItemConsultation(Orderable):
    page = ParentalKey(
        "committees.AgendaItemPage",
        on_delete=models.CASCADE,
        related_name="consultations",
    )
    consultation = models.ForeignKey(
        "consultations.ConsultationPage",
        on_delete=models.CASCADE,
        related_name="agenda_items",
    )

    panels = [PageChooserPanel("consultation")]
