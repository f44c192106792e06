"""The search form. A query that cannot be searched for gets a GOV.UK error
message; an unknown ?type= is ignored, so a stale link still finds pages."""

import unicodedata

from django import forms
from django.utils.http import urlencode

from core.forms import MarkInvalidControlsMixin

from .sections import SECTIONS

MAX_QUERY_LENGTH = 200
# What the browser sends in place of bytes that are not UTF-8 (?q=%ff).
REPLACEMENT_CHARACTER = "\ufffd"


class SearchForm(MarkInvalidControlsMixin, forms.Form):
    q = forms.CharField(
        label="Search this site",
        required=False,
        widget=forms.TextInput(
            attrs={"class": "govuk-input", "type": "search", "spellcheck": "true"}
        ),
    )
    type = forms.ChoiceField(
        label="Type of page",
        required=False,
        choices=[("", "All pages"), *((value, label) for value, label, _ in SECTIONS)],
    )

    def __init__(self, data):
        data = data.copy()
        if data.get("type") not in dict(self.base_fields["type"].choices):
            data.pop("type", None)
        # Control characters cannot be shown back in the search box (HTML
        # forbids them): they are shown, and refused, as unreadable characters.
        data["q"] = "".join(
            REPLACEMENT_CHARACTER
            if unicodedata.category(character) == "Cc" and character not in "\t\n\r"
            else character
            for character in data.get("q", "")
        )
        super().__init__(data)
        self.is_valid()

    def clean_q(self):
        query = self.cleaned_data["q"]
        if len(query) > MAX_QUERY_LENGTH:
            raise forms.ValidationError(
                f"Search terms must be {MAX_QUERY_LENGTH} characters or fewer"
            )
        # Tabs and line breaks are spaces; other control characters, and
        # bytes that were not text, are not something a person typed.
        query = " ".join(query.split())
        if REPLACEMENT_CHARACTER in query:
            raise forms.ValidationError(
                "Search terms must only include letters, numbers, spaces and "
                "punctuation"
            )
        return query

    @property
    def query(self) -> str:
        return self.cleaned_data.get("q", "") if not self.errors else ""

    @property
    def section(self) -> str:
        return self.cleaned_data.get("type", "")

    @property
    def query_prefix(self) -> str:
        """Query string that keeps the search on pagination links."""
        values = {"q": self.query, "type": self.section}
        values = {key: value for key, value in values.items() if value}
        return urlencode(values) + "&" if values else ""
