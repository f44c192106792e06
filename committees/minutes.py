"""The minutes of one agenda item, as records rather than prose.

Each record belongs to an AgendaItemPage (ParentalKey), so minutes are
drafted, previewed and published with the item's page revisions. Numbered
records (key points, resolutions) are numbered by their order: what the
editor sees is what the public sees.
"""

import datetime
import enum
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.html import strip_tags
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, PageChooserPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable

from core.content_generation import Memo
from core.formatting import govuk_date

from .enums import AttendanceChange, CallInOutcome, DeclarationCategory, MotionResult
from .people import Person
from .querysets import MotionQuerySet, ResolutionQuerySet

MINUTES_RICH_TEXT_FEATURES = ["bold", "italic", "ol", "ul", "link"]


class CallInState(enum.Enum):
    OPEN = "open"  # may still be called in
    CALLED_IN = "called-in"  # waits for scrutiny
    ENDED = "ended"  # not called in: it can be put into effect


@dataclass(frozen=True)
class CallIn:
    state: CallInState
    on: datetime.date  # the last day of the period, or the day it was called in
    outcome: str = ""  # what scrutiny concluded, once it has

    def __str__(self):
        day = govuk_date(self.on)
        if self.state is CallInState.CALLED_IN and self.outcome:
            concluded = self.outcome[0].lower() + self.outcome[1:]
            return f"Called in for scrutiny on {day}: {concluded}"
        if self.state is CallInState.CALLED_IN:
            return f"Called in for scrutiny on {day}"
        if self.state is CallInState.OPEN:
            return f"Can be called in until {day}"
        return f"Call-in period ended {day}: not called in"


def call_in_on(
    ends_on: datetime.date | None,
    called_in_on: datetime.date | None,
    today,
    outcome: str = "",
) -> CallIn | None:
    if called_in_on:
        return CallIn(CallInState.CALLED_IN, called_in_on, outcome)
    if ends_on is None:
        return None
    return CallIn(CallInState.OPEN if today <= ends_on else CallInState.ENDED, ends_on)


class NumberedOrderable(Orderable):
    """A record numbered by its place in the item's list (1, 2, 3...).

    The admin's inline panel sets sort_order from 0; a record made in code
    without one is appended after its siblings."""

    class Meta(Orderable.Meta):
        abstract = True

    @property
    def number(self) -> int:
        return (self.sort_order or 0) + 1

    def save(self, *args, **kwargs):
        if self.sort_order is None:
            self.sort_order = type(self).objects.filter(page_id=self.page_id).count()
        super().save(*args, **kwargs)


def item_key(related_name):
    return ParentalKey(
        "committees.AgendaItemPage",
        on_delete=models.CASCADE,
        related_name=related_name,
    )


class Declaration(Orderable):
    """A member's declaration of interest in the item."""

    page = item_key("declarations")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    category = models.CharField(max_length=30, choices=DeclarationCategory.choices)
    nature = models.CharField(
        "Nature of the interest",
        max_length=500,
        help_text='For example "Trustee of Northvale Voluntary Action".',
    )
    left_the_room = models.BooleanField(
        default=False,
        help_text="Tick if the member left the room and took no part in the item.",
    )

    panels = [
        FieldRowPanel([FieldPanel("person"), FieldPanel("category")]),
        FieldPanel("nature"),
        FieldPanel("left_the_room"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = "declaration of interest"


class Witness(Orderable):
    """Someone who presented or gave evidence on the item."""

    page = item_key("witnesses")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    role = models.CharField(
        max_length=250,
        blank=True,
        help_text="Leave blank to use the person's own role and organisation.",
    )

    panels = [FieldRowPanel([FieldPanel("person"), FieldPanel("role")])]

    class Meta(Orderable.Meta):
        verbose_name_plural = "witnesses"

    @property
    def description(self) -> str:
        return self.role or self.person.description


class KeyPoint(NumberedOrderable):
    """A point raised in the discussion, with any response to it."""

    page = item_key("key_points")
    raised_by = models.CharField(
        max_length=250,
        blank=True,
        help_text='As the minutes describe them, for example "A Board member".',
    )
    point = RichTextField(features=MINUTES_RICH_TEXT_FEATURES)
    response = RichTextField(
        features=MINUTES_RICH_TEXT_FEATURES,
        blank=True,
        help_text="The answer given, if any.",
    )
    responded_by = models.CharField(max_length=250, blank=True)

    panels = [
        FieldPanel("raised_by"),
        FieldPanel("point"),
        FieldPanel("responded_by"),
        FieldPanel("response"),
    ]

    class Meta(NumberedOrderable.Meta):
        verbose_name = "key point raised"

    def clean(self):
        super().clean()
        if self.responded_by and not self.response:
            raise ValidationError(
                {"response": "Enter the response, or clear who responded."}
            )


class AttendanceEvent(Orderable):
    """Someone joining or leaving the meeting while the item was discussed."""

    page = item_key("attendance_events")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    change = models.CharField(max_length=10, choices=AttendanceChange.choices)
    at = models.TimeField("Time (UK)")
    during_point = models.PositiveSmallIntegerField(
        "During key point",
        null=True,
        blank=True,
        help_text="The number of the key point being discussed, if known.",
    )

    panels = [
        FieldRowPanel([FieldPanel("person"), FieldPanel("change")]),
        FieldRowPanel([FieldPanel("at"), FieldPanel("during_point")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = "arrival or departure"
        verbose_name_plural = "arrivals and departures"

    def __str__(self):
        return f"{self.person} {self.get_change_display()}"


class PublicQuestion(Orderable):
    page = item_key("public_questions")
    asked_by = models.CharField(
        max_length=250,
        help_text='As published, for example "Ms A Smith" or "A resident of '
        'Hillside ward".',
    )
    question = models.TextField()
    answered_by = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    answer = RichTextField(features=MINUTES_RICH_TEXT_FEATURES, blank=True)

    panels = [
        FieldPanel("asked_by"),
        FieldPanel("question"),
        FieldPanel("answered_by"),
        FieldPanel("answer"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = "public question"


class Motion(Orderable):
    """A proposal put to the vote: the Open Civic Data "vote event"."""

    page = item_key("motions")
    text = models.TextField("Motion")
    mover = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    seconder = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    votes_for = models.PositiveSmallIntegerField("For", null=True, blank=True)
    votes_against = models.PositiveSmallIntegerField("Against", null=True, blank=True)
    abstentions = models.PositiveSmallIntegerField(null=True, blank=True)
    result = models.CharField(max_length=20, choices=MotionResult.choices)

    objects = MotionQuerySet.as_manager()

    panels = [
        FieldPanel("text"),
        FieldRowPanel([FieldPanel("mover"), FieldPanel("seconder")]),
        FieldRowPanel(
            [
                FieldPanel("votes_for"),
                FieldPanel("votes_against"),
                FieldPanel("abstentions"),
            ],
            heading="Votes (leave blank if not counted)",
        ),
        FieldPanel("result"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = "motion"

    @property
    def was_counted(self) -> bool:
        return any(
            count is not None
            for count in (self.votes_for, self.votes_against, self.abstentions)
        )

    def clean(self):
        super().clean()
        if self.mover_id and self.mover_id == self.seconder_id:
            raise ValidationError(
                {"seconder": "The seconder must be someone other than the mover."}
            )


class Resolution(NumberedOrderable):
    """One numbered decision of the committee on the item ("RESOLVED: 1. ...").

    Resolutions are the decisions register, its feed and the open data; the
    actions they lead to point at them."""

    page = item_key("resolutions")
    text = models.TextField(
        "Resolution",
        help_text='As minuted, without the number, for example "Endorsed the '
        'renewed ambition to empower communities."',
    )
    report_section = models.CharField(
        "Report section",
        max_length=50,
        blank=True,
        help_text='The section of the report it refers to, for example "5.2".',
    )
    key_decision = models.BooleanField(
        "Key decision",
        default=False,
        help_text="An executive decision likely to spend or save a significant "
        "amount, or to affect communities in two or more wards. Marked in the "
        "decisions register, which can list key decisions alone.",
    )
    call_in_ends_on = models.DateField(
        "Call-in period ends",
        null=True,
        blank=True,
        help_text="The last day scrutiny members can call the decision in. Leave "
        "blank if it cannot be called in.",
    )
    called_in_on = models.DateField(
        "Called in on",
        null=True,
        blank=True,
        help_text="Only if it was called in: it is not put into effect until "
        "scrutiny has considered it.",
    )
    call_in_outcome = models.CharField(
        "Scrutiny's conclusion",
        max_length=30,
        choices=CallInOutcome.choices,
        blank=True,
        help_text="Once scrutiny has considered the decision called in.",
    )
    # A link between records, not text: the thread from a decision to its
    # scrutiny (AgendaItemPage.call_ins_considered shows it from there).
    call_in_considered_at = models.ForeignKey(
        "committees.AgendaItemPage",
        verbose_name="Considered at",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="call_ins_considered",
        help_text="The scrutiny meeting's agenda item that considered it.",
    )

    objects = ResolutionQuerySet.as_manager()

    panels = [
        FieldPanel("text"),
        FieldPanel("report_section"),
        FieldPanel("key_decision"),
        FieldRowPanel([FieldPanel("call_in_ends_on"), FieldPanel("called_in_on")]),
        FieldRowPanel(
            [
                FieldPanel("call_in_outcome"),
                PageChooserPanel("call_in_considered_at", "committees.AgendaItemPage"),
            ]
        ),
    ]

    class Meta(NumberedOrderable.Meta):
        verbose_name = "resolution"

    def __str__(self):
        return self.text

    def clean(self):
        super().clean()
        if self.called_in_on and not self.call_in_ends_on:
            raise ValidationError(
                {"call_in_ends_on": "Enter the day the call-in period ends"}
            )
        if (
            self.called_in_on
            and self.call_in_ends_on
            and self.called_in_on > self.call_in_ends_on
        ):
            raise ValidationError(
                {
                    "called_in_on": "A decision can only be called in on or before "
                    "the day its call-in period ends"
                }
            )
        if (self.call_in_outcome or self.call_in_considered_at_id) and not (
            self.called_in_on
        ):
            raise ValidationError(
                {"called_in_on": "Enter the day it was called in first"}
            )
        if self.call_in_considered_at_id and self.call_in_considered_at_id == (
            self.page_id
        ):
            raise ValidationError(
                {
                    "call_in_considered_at": "Choose the scrutiny item that "
                    "considered it, not the item that made the decision"
                }
            )
        if self.called_in_on and self.called_in_on > timezone.localdate():
            raise ValidationError(
                {"called_in_on": "Enter the day it was called in, not a future day"}
            )
        meeting = getattr(self.page, "meeting", None) if self.page_id else None
        held_on = timezone.localdate(meeting.starts_at) if meeting else None
        if held_on and self.call_in_ends_on and self.call_in_ends_on < held_on:
            raise ValidationError(
                {
                    "call_in_ends_on": "The call-in period cannot end before the "
                    "meeting that made the decision"
                }
            )

    @property
    def call_in(self) -> CallIn | None:
        """Where the decision stands with call-in today (UK time), or None
        when it cannot be called in."""
        return call_in_on(
            self.call_in_ends_on,
            self.called_in_on,
            timezone.localdate(),
            self.get_call_in_outcome_display() if self.call_in_outcome else "",
        )


# What an agenda item's search entry reads from its minutes: the records
# whose words residents look for (AgendaItemPage.get_indexed_objects
# prefetches them).
SEARCHED_MINUTES = ("resolutions", "key_points", "public_questions", "motions")


def searchable_minutes(item) -> str:
    """The words of `item`'s minutes for the search index, once the public
    may read them (its meeting live, minutes draft or approved); until then
    nothing, or a search would tell what the minutes say before they are
    out. Rich text loses its markup."""
    meeting = item.meeting
    if meeting is None or not meeting.live or not meeting.minutes_published:
        return ""
    words = [resolution.text for resolution in item.resolutions.all()]
    for point in item.key_points.all():
        words += [strip_tags(point.point), strip_tags(point.response)]
    for question in item.public_questions.all():
        words += [question.question, strip_tags(question.answer)]
    words += [motion.text for motion in item.motions.all()]
    return "\n".join(word for word in words if word)


def link_scrutiny(items) -> None:
    """Give each resolution of `items` (agenda items with their minutes
    loaded) that was called in and considered at an item the public may open
    that item, as `considered_at_page`: one query, none if no resolution was
    considered anywhere."""
    from .querysets import open_pages

    considered = [
        resolution
        for item in items
        for resolution in item.resolutions.all()
        if resolution.call_in_considered_at_id
    ]
    if not considered:
        return
    pages = open_pages().in_bulk({r.call_in_considered_at_id for r in considered})
    for resolution in considered:
        resolution.considered_at_page = pages.get(resolution.call_in_considered_at_id)


def _items_considering_call_ins() -> frozenset:
    return frozenset(
        Resolution.objects.exclude(call_in_considered_at=None).values_list(
            "call_in_considered_at_id", flat=True
        )
    )


# Few items consider a decision called in: which do is kept for the content
# generation, so that every other item's page asks nothing.
_considering_call_ins = Memo(_items_considering_call_ins)


def call_ins_considered_at(item):
    """The decisions called in that scrutiny considered at `item`, as the
    public may see them, newest meeting first."""
    if item.pk not in _considering_call_ins.get():
        return []
    return (
        Resolution.objects.public()
        .filter(call_in_considered_at_id=item.pk)
        .with_meeting_and_committee()
        .select_related("page")
        .order_by("-meeting_starts_at", "page__path", "sort_order", "pk")
    )
