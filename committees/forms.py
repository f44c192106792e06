"""Filters for the public registers: meetings, decisions, actions and the
forward plan.

Filters arrive in the query string, which anyone can edit, so every field
checks its input and says what is wrong in GOV.UK style. A valid filter
still applies when another one is wrong: the page always lists something."""

import datetime
import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.http import urlencode

from core.forms import FilterFormMixin, MarkInvalidControlsMixin, PlainSelect

from .enums import ActionStatus
from .forward_plan import PlanState

DATE_EXAMPLE = "27/3/2026"
MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ],
        start=1,
    )
    for name in names
}
DAY_MONTH_YEAR = re.compile(
    r"([0-9]{1,2})(?:[/.-]|\s+)([0-9]{1,2}|[a-z]+)(?:[/.-]|\s+)([0-9]{4})"
)
ISO_DATE = re.compile(r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})")


def parse_date(text: str):
    """(day, month, year) as numbers from "27/3/2026", "27-03-2026",
    "27 March 2026", "27 mar 2026" or "2026-03-27"; None if it is not written
    as a date at all."""
    text = text.strip().lower()
    if match := ISO_DATE.fullmatch(text):
        year, month, day = match.groups()
        return int(day), int(month), int(year)
    if match := DAY_MONTH_YEAR.fullmatch(text):
        day, month, year = match.groups()
        month = int(month) if month.isdigit() else MONTHS.get(month)
        if month is None:
            return None
        return int(day), month, int(year)
    return None


class DateFilterField(forms.Field):
    """A date typed into one text box, as GOV.UK's own search filters take
    it ("For example, 27/3/2026"). `described_as` is how error messages
    refer to it."""

    widget = forms.TextInput
    max_input_length = 40

    def __init__(self, *, described_as, **kwargs):
        self.described_as = described_as
        kwargs.setdefault("required", False)
        kwargs.setdefault("help_text", f"For example, {DATE_EXAMPLE}")
        super().__init__(**kwargs)
        self.widget.attrs.update(
            {
                "class": "govuk-input govuk-input--width-10",
                "autocomplete": "off",
                "spellcheck": "false",
            }
        )

    def to_python(self, value):
        if value in self.empty_values:
            return None
        text = str(value)
        if not text.strip():
            return None
        parts = parse_date(text) if len(text) <= self.max_input_length else None
        if parts is None:
            raise ValidationError(
                f"Enter the {self.described_as} as a day, month and year, "
                f"for example {DATE_EXAMPLE}",
                code="invalid",
            )
        day, month, year = parts
        try:
            return datetime.date(year, month, day)
        except ValueError:
            raise ValidationError(
                f"The {self.described_as} must be a real date", code="unreal"
            ) from None


class RegisterFilterForm(FilterFormMixin, MarkInvalidControlsMixin, forms.Form):
    """What the registers' filter forms share: they are always bound (to the
    query string), and know which filters are in force and how to keep them
    on pagination links."""

    ERROR_CLASSES = ("govuk-input", "govuk-select")

    committee = forms.ChoiceField(
        label="Committee",
        required=False,
        error_messages={"invalid_choice": "Select a committee from the list"},
        widget=PlainSelect(attrs={"class": "govuk-select"}),
    )

    def __init__(self, data, committees):
        # A NUL cannot reach PostgreSQL or a page: it becomes the same
        # replacement character as any other byte that is not text.
        data = data.copy()
        for key in data:
            data.setlist(
                key, [value.replace("\x00", "\ufffd") for value in data.getlist(key)]
            )
        super().__init__(data)
        self.committees = {committee.slug: committee for committee in committees}
        self.set_choices()
        self.full_clean()

    def set_choices(self):
        """Fill the lists to choose from (this form's own copies of the
        fields) before the data is checked against them."""
        self.fields["committee"].choices = [
            ("", "All committees"),
            *(
                (committee.slug, committee.title)
                for committee in self.committees.values()
            ),
        ]

    @property
    def chosen_committee(self):
        return self.committees.get(self.values.get("committee"))

    @property
    def query_prefix(self) -> str:
        """The query string that keeps the filters on pagination links."""
        params = {}
        for key, value in self.values.items():
            if isinstance(value, datetime.date):
                value = f"{value.day}/{value.month}/{value.year}"
            elif value is True:
                value = "on"
            params[key] = value
        return urlencode(params) + "&" if params else ""


class PlaceFilterMixin(forms.Form):
    """A register's filter by the ward or place an agenda item affects, for
    records from a MinutesRecordQuerySet. `places`: places.models.place_choices()."""

    place = forms.ChoiceField(
        label="Ward or place affected",
        required=False,
        error_messages={"invalid_choice": "Select a ward or place from the list"},
        widget=PlainSelect(attrs={"class": "govuk-select"}),
    )

    def __init__(self, data, committees, places=()):
        self.places = {place.slug: place for place in places}
        super().__init__(data, committees)

    def set_choices(self):
        super().set_choices()
        self.fields["place"].choices = [
            ("", "Anywhere"),
            *((place.slug, place.name) for place in self.places.values()),
        ]

    def apply_place(self, records):
        if "place" not in self.values:
            return records
        return records.affecting(self.places[self.values["place"]].pk)


class DecisionFilterForm(PlaceFilterMixin, RegisterFilterForm):
    date_from = DateFilterField(label="From", described_as="“from” date")
    date_to = DateFilterField(label="To", described_as="“to” date")
    q = forms.CharField(
        label="Keywords",
        required=False,
        max_length=100,
        help_text="Words in the decision or the agenda item's title",
        error_messages={"max_length": "Keywords must be 100 characters or fewer"},
        widget=forms.TextInput(attrs={"class": "govuk-input", "type": "search"}),
    )
    key_decisions = forms.BooleanField(label="Key decisions only", required=False)

    def clean(self):
        cleaned_data = super().clean()
        date_from, date_to = cleaned_data.get("date_from"), cleaned_data.get("date_to")
        if date_from and date_to and date_from > date_to:
            self.add_error(
                "date_to", "The “to” date must be the same as or after the “from” date"
            )
        return cleaned_data

    def apply(self, resolutions):
        """Filter resolutions from Resolution.objects.for_register() (whose
        meeting_starts_at annotation the dates filter on)."""
        values = self.values
        if self.chosen_committee:
            resolutions = resolutions.in_committee(self.chosen_committee)
        if "date_from" in values:
            resolutions = resolutions.filter(
                meeting_starts_at__date__gte=values["date_from"]
            )
        if "date_to" in values:
            resolutions = resolutions.filter(
                meeting_starts_at__date__lte=values["date_to"]
            )
        if "q" in values:
            resolutions = resolutions.matching(values["q"])
        if values.get("key_decisions"):
            resolutions = resolutions.filter(key_decision=True)
        return self.apply_place(resolutions)


class ActionFilterForm(PlaceFilterMixin, RegisterFilterForm):
    status = forms.ChoiceField(
        label="Status",
        required=False,
        choices=[("", "All statuses"), *ActionStatus.choices],
        error_messages={"invalid_choice": "Select a status from the list"},
        widget=PlainSelect(attrs={"class": "govuk-select"}),
    )
    overdue = forms.BooleanField(label="Overdue actions only", required=False)

    def apply(self, actions, today):
        values = self.values
        if self.chosen_committee:
            actions = actions.in_committee(self.chosen_committee)
        if "status" in values:
            actions = actions.filter(status=values["status"])
        if values.get("overdue"):
            actions = actions.overdue(today)
        return self.apply_place(actions)


class ForwardPlanFilterForm(RegisterFilterForm):
    # Empty is the plan proper: the decisions still to be taken.
    state = forms.ChoiceField(
        label="Show",
        required=False,
        choices=[
            ("", "Decisions still to be taken"),
            (PlanState.DECIDED, "Decisions taken"),
            (PlanState.WITHDRAWN, "Withdrawn"),
        ],
        error_messages={"invalid_choice": "Select what to show from the list"},
        widget=PlainSelect(attrs={"class": "govuk-select"}),
    )
    key_decisions = forms.BooleanField(label="Key decisions only", required=False)

    @property
    def chosen_state(self) -> PlanState:
        return PlanState(self.values.get("state", PlanState.UPCOMING))

    def apply(self, entries):
        entries = entries.listed(self.chosen_state)
        if self.chosen_committee:
            entries = entries.filter(committee__path=self.chosen_committee.path)
        if self.values.get("key_decisions"):
            entries = entries.filter(key_decision=True)
        return entries


class MeetingFilterForm(RegisterFilterForm):
    # Empty is what most people come for: the meetings still to come.
    when = forms.ChoiceField(
        label="Show",
        required=False,
        choices=[("", "Upcoming meetings"), ("past", "Past meetings")],
        error_messages={
            "invalid_choice": "Select which meetings to show from the list"
        },
        widget=PlainSelect(attrs={"class": "govuk-select"}),
    )

    @property
    def past(self) -> bool:
        return self.values.get("when") == "past"

    def apply(self, meetings, now):
        """Upcoming meetings soonest first, or past ones newest first."""
        if self.chosen_committee:
            meetings = meetings.filter(path__startswith=self.chosen_committee.path)
        if self.past:
            return meetings.filter(starts_at__lt=now).order_by("-starts_at", "-pk")
        return meetings.filter(starts_at__gte=now).order_by("starts_at", "pk")
