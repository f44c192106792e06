"""Forms staff use to type in a response that arrived on paper, by email, at
an event or over the phone."""

import datetime
import uuid

from django import forms
from django.utils import timezone

from .enums import ResponseChannel
from .forms import FIXED_FIELDS

OFFLINE_CHANNELS = [
    (value, label)
    for value, label in ResponseChannel.choices
    if value != ResponseChannel.ONLINE
]


class OfflineEntryForm(forms.Form):
    """How and when the response arrived. Used with a prefix, so that no
    question's name can clash with these fields."""

    channel = forms.ChoiceField(
        label="How did the response reach us?",
        choices=[("", "Choose a channel"), *OFFLINE_CHANNELS],
        error_messages={"required": "Choose how the response reached us."},
    )
    received_on = forms.DateField(
        label="Date received",
        initial=timezone.localdate,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"required": "Enter the date the response was received."},
    )
    # One-time, like the public form's: a double click stores one response.
    token = forms.UUIDField(widget=forms.HiddenInput, initial=uuid.uuid4)

    def clean_received_on(self):
        received_on = self.cleaned_data["received_on"]
        if received_on > timezone.localdate():
            raise forms.ValidationError("The date received cannot be in the future.")
        return received_on

    def received_at(self) -> datetime.datetime:
        """The submission time to store: the start of the day it arrived, UK
        time, so the submissions list sorts and filters it by that day."""
        return timezone.make_aware(
            datetime.datetime.combine(
                self.cleaned_data["received_on"], datetime.time.min
            )
        )


def question_form(page, user, data=None):
    """The consultation's own questions, without the fields that serve the
    public form (receipt email, one-time token, timing and honeypot).

    Every question is optional here: staff type in what arrived, and a paper
    form with a question left blank is still a response to count."""
    form = page.get_form(data, page=page, user=user)
    for name in FIXED_FIELDS:
        form.fields.pop(name, None)
    for field in form.fields.values():
        field.required = False
    return form
