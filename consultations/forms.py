"""Forms for residents: the response form built from editors' questions, and
the hub's filters. Widgets carry GOV.UK Frontend classes; the markup around
them is in templates/components/form_field.html."""

import unicodedata

from django import forms
from django.db.models import Q
from django.utils.http import urlencode
from wagtail.contrib.forms.forms import BaseForm, FormBuilder

from core.forms import FilterFormMixin, MarkInvalidControlsMixin

from . import equality
from .enums import ConsultationStatus

# Names of the fields every response form has besides the editors' questions.
# Prefixed so that no question label can produce the same name.
RECEIPT_EMAIL = "engage_receipt_email"
NOTIFY_OUTCOME = "engage_notify_outcome"
TOKEN = "engage_token"  # noqa: S105 (a field name, not a secret)
STARTED = "engage_started"
HONEYPOT = "engage_homepage"
FIXED_FIELDS = (
    RECEIPT_EMAIL,
    NOTIFY_OUTCOME,
    TOKEN,
    STARTED,
    HONEYPOT,
    *equality.QUESTIONS,
)

MAX_LONG_ANSWER = 10_000
# What a browser or Django puts in place of bytes that are not UTF-8.
REPLACEMENT_CHARACTER = "\ufffd"
UNREADABLE_MESSAGE = (
    "“{label}” must only include letters, numbers, spaces and punctuation"
)


def unreadable(value: str) -> bool:
    """Control characters (other than tabs and line breaks) and bytes that
    were not text are not something a person typed."""
    return any(
        character == REPLACEMENT_CHARACTER
        or (unicodedata.category(character) == "Cc" and character not in "\t\n\r")
        for character in value
    )


class ResponseForm(MarkInvalidControlsMixin, BaseForm):
    engage_receipt_email = forms.EmailField(
        label="Email address (optional)",
        help_text="We will email you a receipt with your reference number and, "
        "if you ask, tell you what happens next. We will not use this address "
        "for anything else.",
        required=False,
        max_length=254,
        widget=forms.EmailInput(
            attrs={
                "class": "govuk-input",
                "autocomplete": "email",
                "spellcheck": "false",
            }
        ),
    )
    # Consent to one more email, so never ticked in advance (QUALITY PRIV-01).
    engage_notify_outcome = forms.BooleanField(
        label="Email me about what happens next: when councillors are due to "
        "discuss this consultation, what they decide, and the outcome",
        required=False,
    )
    engage_token = forms.UUIDField(required=False, widget=forms.HiddenInput)
    engage_started = forms.CharField(required=False, widget=forms.HiddenInput)
    # A field people never see, which form-filling robots complete (QUALITY SEC-13).
    engage_homepage = forms.CharField(
        label="Leave this field empty",
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if getattr(self.page, "ask_equality_questions", False):
            for name, (label, choices) in equality.QUESTIONS.items():
                self.fields[name] = forms.ChoiceField(
                    label=label,
                    required=False,
                    choices=choices.choices,
                    widget=forms.RadioSelect,
                )

    def clean(self):
        cleaned_data = super().clean()
        no_address = not cleaned_data.get(RECEIPT_EMAIL)
        # An address typed wrongly already has its own message.
        if (
            cleaned_data.get(NOTIFY_OUTCOME)
            and no_address
            and not self.has_error(RECEIPT_EMAIL)
        ):
            self.add_error(
                RECEIPT_EMAIL,
                "Enter your email address, so that we can tell you what happens next",
            )
        for field in self.questions():
            value = cleaned_data.get(field.name)
            values = value if isinstance(value, list) else [value]
            if any(isinstance(v, str) and unreadable(v) for v in values):
                self.add_error(field.name, UNREADABLE_MESSAGE.format(label=field.label))
        return cleaned_data

    def equality_fields(self):
        return [self[name] for name in equality.QUESTIONS if name in self.fields]

    def equality_answers(self) -> dict:
        return {
            equality.model_field(name): self.cleaned_data[name]
            for name in equality.QUESTIONS
            if self.cleaned_data.get(name)
        }

    def questions(self):
        return [field for field in self if field.name not in FIXED_FIELDS]

    def answers(self) -> dict:
        return {
            name: value
            for name, value in self.cleaned_data.items()
            if name not in FIXED_FIELDS
        }


# Question types that start with nothing ticked or chosen, whatever the editor
# set as the default.
NOTHING_CHOSEN_FOR_RESIDENTS = (
    "checkbox",
    "checkboxes",
    "radio",
    "dropdown",
    "multiselect",
)


class ConsultationFormBuilder(FormBuilder):
    """Wagtail's form builder with GOV.UK widgets, limits on free text and error
    messages that name the question, as the error summary shows them alone."""

    CHOICE_TYPES = ("dropdown", "radio", "checkboxes", "multiselect")

    def get_field_options(self, field):
        options = super().get_field_options(field)
        if field.field_type in NOTHING_CHOSEN_FOR_RESIDENTS:
            # A box ticked or an answer chosen in advance is not the
            # resident's choice (QUALITY PRIV-01, GOV.UK): editors cannot set
            # one (QuestionField.clean), and none saved before is used.
            options["initial"] = None
        if field.field_type in self.CHOICE_TYPES:
            message = f"Select an answer for “{field.label}”"
        elif field.field_type == "checkbox":
            message = f"Tick the box to confirm: “{field.label}”"
        else:
            message = f"Enter an answer for “{field.label}”"
        # Django fills these two messages' placeholders with %, so the
        # label's own % signs are doubled to come through as typed.
        label = field.label.replace("%", "%%")
        options["error_messages"] = {
            "required": message,
            # GOV.UK's wording, and the question named, for every text limit.
            "max_length": f"“{label}” must be %(limit_value)s characters or fewer",
            # Django refuses NUL characters itself: the same message as for
            # any other character that was not typed.
            "null_characters_not_allowed": UNREADABLE_MESSAGE.format(label=label),
        }
        return options

    def get_formatted_field_initial(self, field):
        if field.field_type in NOTHING_CHOSEN_FOR_RESIDENTS:
            return []
        return super().get_formatted_field_initial(field)

    def create_singleline_field(self, field, options):
        field_ = super().create_singleline_field(field, options)
        field_.widget.attrs["class"] = "govuk-input"
        return field_

    def create_multiline_field(self, field, options):
        options["max_length"] = MAX_LONG_ANSWER
        return forms.CharField(
            widget=forms.Textarea(attrs={"class": "govuk-textarea", "rows": 6}),
            **options,
        )

    def create_email_field(self, field, options):
        field_ = super().create_email_field(field, options)
        field_.widget.attrs.update({"class": "govuk-input", "spellcheck": "false"})
        return field_

    def create_url_field(self, field, options):
        field_ = super().create_url_field(field, options)
        field_.widget.attrs["class"] = "govuk-input"
        return field_

    def create_number_field(self, field, options):
        field_ = super().create_number_field(field, options)
        field_.widget = forms.NumberInput(
            attrs={"class": "govuk-input govuk-input--width-10"}
        )
        return field_

    def create_date_field(self, field, options):
        return forms.DateField(
            widget=forms.DateInput(
                attrs={"class": "govuk-input govuk-input--width-10", "type": "date"},
                format="%Y-%m-%d",
            ),
            **options,
        )

    def create_datetime_field(self, field, options):
        return forms.DateTimeField(
            widget=forms.DateTimeInput(
                attrs={
                    "class": "govuk-input govuk-input--width-20",
                    "type": "datetime-local",
                },
                format="%Y-%m-%dT%H:%M",
            ),
            input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
            **options,
        )

    def create_dropdown_field(self, field, options):
        field_ = super().create_dropdown_field(field, options)
        # No answer chosen for the resident: a blank first option.
        field_.choices = [("", "Select an answer"), *field_.choices]
        field_.widget.attrs["class"] = "govuk-select"
        return field_

    def create_multiselect_field(self, field, options):
        # A multiple <select> is hard to use; GOV.UK uses checkboxes instead.
        return self.create_checkboxes_field(field, options)

    def get_form_class(self):
        return type("ConsultationResponseForm", (ResponseForm,), self.formfields)


class HubFilterForm(FilterFormMixin, forms.Form):
    """The hub's filters. Anything invalid is ignored rather than refused: a
    stale or mangled link still shows consultations."""

    q = forms.CharField(label="Search consultations", required=False, max_length=100)
    status = forms.ChoiceField(
        label="Status",
        required=False,
        choices=[("", "All"), *ConsultationStatus.choices],
    )
    # Unicode, as taggit makes slugs: Welsh place names keep their accents.
    tag = forms.SlugField(required=False, max_length=100, allow_unicode=True)
    place = forms.ChoiceField(label="Ward or place", required=False)

    def __init__(self, data, places=()):
        super().__init__(data)
        self.fields["place"].choices = [
            ("", "Anywhere"),
            *((place.slug, place.name) for place in places),
        ]
        self.is_valid()

    @property
    def query_prefix(self) -> str:
        """Query string that keeps the filters on pagination links."""
        return urlencode(self.values) + "&" if self.values else ""

    def apply(self, consultations, moment):
        values = self.values
        if "status" in values:
            consultations = consultations.with_status(values["status"], moment)
        if "tag" in values:
            consultations = consultations.filter(tags__slug=values["tag"])
        if "place" in values:
            consultations = consultations.filter(areas__slug=values["place"])
        if "q" in values:
            consultations = consultations.filter(
                Q(title__icontains=values["q"]) | Q(summary__icontains=values["q"])
            )
        return consultations
