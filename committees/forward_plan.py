"""The forward plan: notice of the decisions the council will take.

The Local Authorities (Executive Arrangements) (Meetings and Access to
Information) (England) Regulations 2012 require at least 28 clear days'
public notice of a key decision (regulation 9), unless the general exception
(regulation 10) or special urgency (regulation 11) applies, and say which of
them did. Each entry is a record of its own, kept by democratic services: it
links to the consultation that informs the decision and, once taken, to the
agenda item that decided it, whose resolutions follow from there."""

from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.text import slugify
from wagtail.admin.panels import (
    FieldPanel,
    MultiFieldPanel,
    PageChooserPanel,
)

from core.content_generation import Memo
from core.formatting import govuk_date

from .people import Person

# Taken by the plan's own routes (CommitteeIndexPage), so never an entry's.
RESERVED_SLUGS = {"csv", "feed"}
# "Clear days" leave out the day notice is given and the day of the decision.
NOTICE_CLEAR_DAYS = 28
# Regulation 10: the general exception still needs this much notice.
GENERAL_EXCEPTION_CLEAR_DAYS = 5


def _forward_plan_url() -> str | None:
    from .models import CommitteeIndexPage

    section = CommitteeIndexPage.objects.live().public().first()
    url = section and section.get_url()
    return url + section.reverse_subpage("forward_plan") if url else None


# Where the forward plan is, for links from other sections' pages (there is
# one committees section: CommitteeIndexPage.max_count).
_plan_url = Memo(_forward_plan_url)


class NoticeException(models.TextChoices):
    GENERAL_EXCEPTION = "general-exception", "General exception (regulation 10)"
    SPECIAL_URGENCY = "special-urgency", "Special urgency (regulation 11)"


class PlanState(models.TextChoices):
    """Where an entry stands, as the public filter names it."""

    UPCOMING = "upcoming", "Not yet decided"
    DECIDED = "decided", "Decided"
    WITHDRAWN = "withdrawn", "Withdrawn"


def clear_days(first_published_on, expected_on) -> int:
    return (expected_on - first_published_on).days - 1


class ForwardPlanQuerySet(models.QuerySet):
    def in_state(self, state):
        decided = Q(decided_at__isnull=False) | Q(decided_on__isnull=False)
        if state == PlanState.DECIDED:
            return self.filter(decided)
        if state == PlanState.WITHDRAWN:
            return self.filter(withdrawn_on__isnull=False)
        return self.exclude(decided).filter(withdrawn_on__isnull=True)

    def for_listing(self):
        """With the committee, which every entry names, joined in: one query,
        however many entries."""
        return self.select_related("committee").defer("committee__terms_of_reference")

    def for_entry_page(self):
        """Everything an entry's own page shows, in one query, without the
        linked pages' bodies."""
        return (
            self.for_listing()
            .select_related("consultation", "decided_at", "contact")
            .defer(
                "consultation__body",
                "consultation__privacy_notice",
                "consultation__confirmation_text",
                "consultation__we_asked",
                "consultation__you_said",
                "consultation__we_did",
                "decided_at__body",
            )
        )

    def listed(self, state):
        """The entries in `state`, each with the date the plan lists it under
        (`listed_on`: the day it was decided or withdrawn, else the date of
        decision), what is still to come soonest first, the rest newest first."""
        entries = self.in_state(state).annotate(
            listed_on=Coalesce("decided_on", "withdrawn_on", "expected_on")
        )
        if state == PlanState.UPCOMING:
            # listed_on is expected_on here; ordered by the field, off its index.
            return entries.order_by("expected_on", "pk")
        return entries.order_by("-listed_on", "-pk")


class ForwardPlanEntry(models.Model):
    title = models.CharField(
        "Decision to be taken",
        max_length=255,
        help_text="What will be decided, in plain English, for example "
        '"Approve the Working with Communities Plan 2027 to 2031".',
    )
    summary = models.TextField(
        help_text="What is proposed, why, and who it affects.",
    )
    committee = models.ForeignKey(
        "committees.CommitteePage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="planned_decisions",
        help_text="The committee, board or cabinet that will decide. Leave empty "
        "when one person decides.",
    )
    decision_maker = models.CharField(
        "Person deciding",
        max_length=200,
        blank=True,
        help_text="When one person decides, their role, for example "
        '"Cabinet Member for Housing".',
    )
    expected_on = models.DateField(
        "Date of decision",
        help_text="The earliest date the decision will be taken: for a "
        "committee, the date of its meeting.",
    )
    first_published_on = models.DateField(
        "First published in the forward plan",
        default=timezone.localdate,
        help_text="Notice is counted from this day. The law asks for 28 clear "
        "days before a key decision.",
    )
    key_decision = models.BooleanField(
        default=True,
        help_text="A key decision, as the constitution defines it (usually "
        "spending or saving over a set amount, or affecting two or more wards).",
    )
    notice_exception = models.CharField(
        "Less than 28 clear days' notice",
        max_length=20,
        blank=True,
        choices=NoticeException.choices,
        help_text="Only when the decision cannot wait for 28 clear days' notice.",
    )
    exception_reason = models.TextField(
        "Why it cannot wait",
        blank=True,
        help_text="Published with the entry, as the regulations require.",
    )
    private_reason = models.CharField(
        "Why it will be taken in private",
        max_length=255,
        blank=True,
        help_text="Leave empty if the decision will be taken in public. "
        'Otherwise the reason, for example "Paragraph 3 of Schedule 12A: '
        'financial or business affairs".',
    )
    documents = models.TextField(
        "Documents to be considered",
        blank=True,
        help_text="The reports and papers the decision maker will have, one a line.",
    )
    consultation = models.ForeignKey(
        "consultations.ConsultationPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="planned_decisions",
        help_text="The consultation that informs this decision, if any.",
    )
    contact = models.ForeignKey(
        Person,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="contact officer",
        help_text="Who the public can ask about the decision.",
    )
    decided_at = models.ForeignKey(
        "committees.AgendaItemPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="planned_decisions",
        verbose_name="decided at",
        help_text="Once decided, the agenda item where it was, for a committee.",
    )
    decided_on = models.DateField(
        "Date decided",
        null=True,
        blank=True,
        help_text="Once decided. For a committee, filled in from the meeting.",
    )
    withdrawn_on = models.DateField("Date withdrawn", null=True, blank=True)
    withdrawal_reason = models.TextField("Why it was withdrawn", blank=True)
    # The entry's address, from its first title: kept when the title changes,
    # so links already shared keep working.
    slug = models.SlugField(max_length=80, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ForwardPlanQuerySet.as_manager()

    panels = [
        FieldPanel("title"),
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                PageChooserPanel("committee", "committees.CommitteePage"),
                FieldPanel("decision_maker"),
                FieldPanel("expected_on"),
                FieldPanel("key_decision"),
            ],
            heading="Who decides, and when",
        ),
        MultiFieldPanel(
            [
                FieldPanel("first_published_on"),
                FieldPanel("notice_exception"),
                FieldPanel("exception_reason"),
                FieldPanel("private_reason"),
            ],
            heading="Notice",
        ),
        FieldPanel("documents"),
        PageChooserPanel("consultation", "consultations.ConsultationPage"),
        FieldPanel("contact"),
        MultiFieldPanel(
            [
                PageChooserPanel("decided_at", "committees.AgendaItemPage"),
                FieldPanel("decided_on"),
                FieldPanel("withdrawn_on"),
                FieldPanel("withdrawal_reason"),
            ],
            heading="Outcome",
        ),
    ]

    class Meta:
        ordering = ["expected_on", "pk"]
        verbose_name = "forward plan entry"
        verbose_name_plural = "forward plan"
        indexes = [models.Index(fields=["expected_on", "id"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(decided_at__isnull=True, decided_on__isnull=True)
                | Q(withdrawn_on__isnull=True),
                name="forward_plan_decided_or_withdrawn",
            )
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = self._free_slug()
        super().save(*args, **kwargs)

    @property
    def state(self) -> PlanState:
        if self.decided_at_id or self.decided_on:
            return PlanState.DECIDED
        if self.withdrawn_on:
            return PlanState.WITHDRAWN
        return PlanState.UPCOMING

    def _free_slug(self) -> str:
        base = ""
        for word in slugify(self.title).split("-"):
            if len(base) + len(word) >= 70:
                break
            base = f"{base}-{word}" if base else word
        base = base or slugify(self.title)[:70] or "decision"
        taken = set(
            ForwardPlanEntry.objects.filter(slug__startswith=base).values_list(
                "slug", flat=True
            )
        )
        taken |= RESERVED_SLUGS
        slug, number = base, 1
        while slug in taken:
            number += 1
            slug = f"{base}-{number}"
        return slug

    @property
    def url(self) -> str | None:
        """The entry's public page, or None while the committees section is
        not published."""
        plan_url = _plan_url.get()
        return f"{plan_url}{self.slug}/" if plan_url else None

    @admin.display(description="status")
    def status(self) -> str:
        return self.state.label

    @property
    def notice_clear_days(self) -> int | None:
        """Clear days from first publication to the decision: the day it was
        taken, once it was (earlier than planned gives less notice)."""
        decision_day = self.decided_on or self.expected_on
        if not (self.first_published_on and decision_day):
            return None
        return clear_days(self.first_published_on, decision_day)

    @property
    def short_notice(self) -> bool:
        days = self.notice_clear_days
        return days is not None and days < NOTICE_CLEAR_DAYS

    @property
    @admin.display(description="decision by")
    def deciders(self) -> str:
        """Who decides, as the public reads it."""
        if self.committee_id and self.decision_maker:
            return f"{self.decision_maker}, {self.committee.title}"
        if self.committee_id:
            return self.committee.title
        # The committee may have been deleted since (SET_NULL).
        return self.decision_maker or "a decision maker to be confirmed"

    @property
    def document_list(self) -> list[str]:
        return [line.strip() for line in self.documents.splitlines() if line.strip()]

    def clean(self):
        super().clean()
        # First: it dates the decision from its meeting, which notice runs to.
        errors = self._outcome_errors()
        if not self.committee_id and not self.decision_maker.strip():
            errors["decision_maker"] = (
                "Choose the committee that will decide, or give the role of the "
                "person who will"
            )
        published_on = self.first_published_on
        if self.decided_on and published_on and published_on > self.decided_on:
            errors["first_published_on"] = (
                f"The decision was taken on {govuk_date(self.decided_on)}, before "
                "this: notice comes before a decision"
            )
        elif self.short_notice and self.key_decision and not self.notice_exception:
            errors["notice_exception"] = (
                f"The decision is {self.notice_clear_days} clear days after the entry "
                f"was first published, less than {NOTICE_CLEAR_DAYS}: choose the "
                "general exception or special urgency, or move the date of decision"
            )
        # Once taken, an exception given and published stays on record even if
        # the meeting slipped far enough to have given full notice after all.
        if self.notice_exception and not self.short_notice and not self.decided_on:
            errors["notice_exception"] = (
                f"{NOTICE_CLEAR_DAYS} clear days' notice is given, so no exception "
                "applies: leave this empty"
            )
        if (
            self.notice_exception == NoticeException.GENERAL_EXCEPTION
            and self.notice_clear_days is not None
            and self.notice_clear_days < GENERAL_EXCEPTION_CLEAR_DAYS
        ):
            errors["notice_exception"] = (
                f"The general exception needs {GENERAL_EXCEPTION_CLEAR_DAYS} clear "
                "days' notice: with fewer, only special urgency applies, with the "
                "agreement of the chair of scrutiny"
            )
        if self.notice_exception and not self.exception_reason.strip():
            errors["exception_reason"] = "Say why the decision cannot wait"
        if published_on and published_on > timezone.localdate():
            errors["first_published_on"] = (
                "An entry is public as soon as it is saved: this date cannot be in "
                "the future"
            )
        if errors:
            raise ValidationError(errors)

    def _outcome_errors(self) -> dict:
        errors = {}
        decided = self.decided_at_id or self.decided_on
        if decided and self.withdrawn_on:
            errors["withdrawn_on"] = (
                "A decision that was taken cannot also be withdrawn: clear one"
            )
        if self.withdrawn_on and not self.withdrawal_reason.strip():
            errors["withdrawal_reason"] = "Say why the decision was withdrawn"
        if self.decided_at_id:
            meeting = self.decided_at.meeting
            if meeting is not None:
                if self.committee_id and not meeting.path.startswith(
                    self.committee.path
                ):
                    errors["decided_at"] = (
                        f"Choose an agenda item of {self.committee.title}, which "
                        "this entry says will decide"
                    )
                meeting_day = timezone.localtime(meeting.starts_at).date()
                if meeting_day > timezone.localdate():
                    errors["decided_at"] = (
                        "That meeting has not happened yet: choose the item once "
                        "the decision is taken"
                    )
                elif self.decided_on is None:
                    self.decided_on = meeting_day
                elif self.decided_on != meeting_day:
                    errors["decided_on"] = (
                        f"The meeting was on {govuk_date(meeting_day)}: use that date"
                    )
        today = timezone.localdate()
        for field in ("decided_on", "withdrawn_on"):
            day = getattr(self, field)
            if day and day > today and field not in errors:
                errors[field] = "This date cannot be in the future"
        return errors
