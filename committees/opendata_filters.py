"""Filters for /api/ocd/ (committees/opendata.py), in the query string:

- `organization`: a committee's id, as the endpoints give it;
- `event`: a meeting's id (resolutions, votes and actions);
- `since`, `until`: meeting dates, inclusive, as YYYY-MM-DD;
- `status` (`open`, `in-progress`, `done`, `dropped`) and `overdue` (`true`
  or `false`): actions only.

Unlike the registers' forms, which show what they can and explain the rest,
a program asked for something it cannot have is told so: 400, with what was
wrong, and so is one that names another endpoint's filter (`?event=` on
events), which would otherwise be ignored and answer everything. An id that
matches nothing public gives an empty list, not an error, as a filter that
matches nothing does."""

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS

from core.forms import is_digits

from .enums import ActionStatus
from .models import CommitteePage

DATE_FORMAT = "%Y-%m-%d"
ID_MESSAGE = "must be an id: a whole number from 1"
DATE_MESSAGE = "must be a date as YYYY-MM-DD, for example 2026-06-11"


class IdField(forms.IntegerField):
    """Plain ASCII digits only: int() would also read "١٢" as 12."""

    def to_python(self, value):
        if value not in self.empty_values and not is_digits(value):
            raise forms.ValidationError(ID_MESSAGE, code="invalid")
        return super().to_python(value)


def _id_field():
    return IdField(
        required=False,
        min_value=1,
        max_value=2**31 - 1,
        error_messages=dict.fromkeys(("invalid", "min_value", "max_value"), ID_MESSAGE),
    )


def _date_field():
    return forms.DateField(
        required=False,
        input_formats=[DATE_FORMAT],
        error_messages={"invalid": DATE_MESSAGE},
    )


class Filters(forms.Form):
    """A list's filters; as it stands, a list that takes none
    (organizations), where naming any is an error too."""

    def __init__(self, request):
        super().__init__(request.GET)
        self.elsewhere = sorted((set(request.GET) & ALL_FILTERS) - set(self.fields))

    def clean(self):
        cleaned = super().clean()
        for name in self.elsewhere:
            self.add_error(None, f"{name} is not a filter of this list")
        return cleaned

    def problems(self) -> str:
        return "; ".join(
            message if field == NON_FIELD_ERRORS else f"{field} {message}"
            for field, messages in self.errors.items()
            for message in messages
        )

    def apply(self, queryset):
        return queryset


class EventFilters(Filters):
    organization = _id_field()
    since = _date_field()
    until = _date_field()

    def clean(self):
        cleaned = super().clean()
        since, until = cleaned.get("since"), cleaned.get("until")
        if since and until and since > until:
            self.add_error("until", "must be the same as or after since")
        return cleaned

    def _in_organization(self, queryset, narrow):
        """`narrow(queryset, committee)` for the chosen committee (only its
        place in the tree is fetched); a missing one matches nothing."""
        chosen = self.cleaned_data.get("organization")
        if chosen is None:
            return queryset
        committee = (
            CommitteePage.objects.only("path", "depth").filter(pk=chosen).first()
        )
        return narrow(queryset, committee) if committee else queryset.none()

    def apply(self, meetings):
        meetings = self._in_organization(meetings, lambda qs, c: qs.child_of(c))
        return self._dates(meetings, "starts_at")

    def _dates(self, queryset, field):
        if since := self.cleaned_data.get("since"):
            queryset = queryset.filter(**{f"{field}__date__gte": since})
        if until := self.cleaned_data.get("until"):
            queryset = queryset.filter(**{f"{field}__date__lte": until})
        return queryset


class RecordFilters(EventFilters):
    """Resolutions and votes: also by meeting."""

    event = _id_field()

    def apply(self, records):
        records = self._in_organization(records, lambda qs, c: qs.in_committee(c))
        if (event := self.cleaned_data.get("event")) is not None:
            records = records.at_meeting(event)
        return self._dates(records, "meeting_starts_at")


class ActionFilters(RecordFilters):
    status = forms.ChoiceField(
        required=False,
        choices=[("", ""), *ActionStatus.choices],
        error_messages={
            "invalid_choice": "must be one of "
            + ", ".join(status.value for status in ActionStatus)
        },
    )
    overdue = forms.ChoiceField(
        required=False,
        choices=[("", ""), ("true", "true"), ("false", "false")],
        error_messages={"invalid_choice": "must be true or false"},
    )

    def apply(self, actions):
        actions = super().apply(actions)
        if status := self.cleaned_data.get("status"):
            actions = actions.filter(status=status)
        if overdue := self.cleaned_data.get("overdue"):
            # The overdue annotation of ActionQuerySet.with_overdue().
            actions = actions.filter(overdue=overdue == "true")
        return actions


ALL_FILTERS = frozenset(ActionFilters.base_fields)
