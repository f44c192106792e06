"""Forms of the admin's action tracker (see admin.py), forward plan and
meeting pages."""

import datetime

from django.core.exceptions import ValidationError
from django.db.models import F, Q
from django.utils import timezone
from wagtail.admin.forms import WagtailAdminModelForm, WagtailAdminPageForm

from core.formatting import govuk_date

from .enums import MinutesStatus
from .minutes import Resolution

# Resolutions offered for a new action: those of meetings this recent.
RESOLUTION_CHOICE_YEARS = 2


def resolution_choices(current=None, now=None):
    """Resolutions an action may carry out, newest meeting first, each with
    what its label needs (committee, meeting date, item) in the same query:
    those of meetings from the last two years, and the action's `current`
    resolution (a primary key) however old."""
    now = now or timezone.now()
    since = now - datetime.timedelta(days=365 * RESOLUTION_CHOICE_YEARS)
    recent = Q(meeting_starts_at__gte=since)
    if current is not None:
        recent |= Q(pk=current)
    return (
        Resolution.objects.all()
        .with_meeting_and_committee()
        .annotate(item_number=F("page__item_number"), item_title=F("page__title"))
        .only("sort_order", "page")
        .filter(recent)
        .order_by("-meeting_starts_at", "page__path", "sort_order", "pk")
    )


def resolution_label(resolution) -> str:
    """ "Health and Wellbeing Board, 14 March 2026, item 5 Budget: resolution 2"."""
    return (
        f"{resolution.committee_title}, {govuk_date(resolution.meeting_starts_at)}, "
        f"item {resolution.item_number} {resolution.item_title}: "
        f"resolution {resolution.number}"
    )


class ActionForm(WagtailAdminModelForm):
    """The model's own rules (Action.clean) fill the agenda item in from the
    resolution and reject a mismatch; this form lets them, by not requiring
    the item itself, and offers resolutions by where they were made."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agenda_item"].required = False
        resolution = self.fields["resolution"]
        resolution.queryset = resolution_choices(current=self.instance.resolution_id)
        resolution.label_from_instance = resolution_label
        resolution.empty_label = "None"


class ForwardPlanEntryForm(WagtailAdminModelForm):
    """Notice runs from the day an entry was first published, so in the
    admin it cannot be dated back: a new entry is published today, and an
    entry's date can move later (republished) but never earlier. Entries of
    a plan kept elsewhere before are brought in by a script, not here."""

    def clean_first_published_on(self):
        day = self.cleaned_data["first_published_on"]
        if day is None:
            return day
        if self.instance.pk is None:
            earliest = timezone.localdate()
            message = "A new entry is published today: it cannot be dated earlier"
        else:
            # The stored value: the form copies its own onto the instance
            # only after the fields are cleaned.
            earliest = self.instance.first_published_on
            message = (
                f"It was first published on {govuk_date(earliest)}: notice cannot be "
                "dated earlier than that"
            )
        if day < earliest:
            raise ValidationError(message)
        return day


class MeetingPageForm(WagtailAdminPageForm):
    """Approved minutes stay approved: taking them back to draft would let
    them be unpublished and deleted, which the council's permanent record
    (Local Government Act 1972, section 100C) forbids. Only an administrator
    can undo an approval made by mistake."""

    def clean(self):
        cleaned = super().clean()
        was_approved = (
            self.instance.pk is not None
            and type(self.instance)
            .objects.filter(pk=self.instance.pk, minutes_status=MinutesStatus.APPROVED)
            .exists()
        )
        if (
            was_approved
            and cleaned.get("minutes_status") != MinutesStatus.APPROVED
            and not getattr(self.for_user, "is_superuser", False)
        ):
            self.add_error(
                "minutes_status",
                "Approved minutes stay approved. Record any correction in the "
                "minutes of the meeting that agrees it.",
            )
        return cleaned
