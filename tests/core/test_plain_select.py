"""core.forms.PlainSelect writes the same markup as Django's Select."""

import re

import pytest
from django import forms

from core.forms import PlainSelect

CHOICES = [
    ("", "All"),
    ('x<"', "X & <y>"),
    (3, "Three"),
    ("Group", [("g1", "First"), ("g2", "Second")]),
]


def markup(widget_class, value, attrs):
    class Form(forms.Form):
        field = forms.ChoiceField(
            choices=CHOICES, required=False, widget=widget_class(attrs=attrs)
        )

    form = Form({"field": value})
    form.is_valid()
    return re.sub(r">\s+<", "><", str(form["field"]).strip())


@pytest.mark.parametrize("value", ["", 'x<"', "3", "g2", "not a choice"])
@pytest.mark.parametrize(
    "attrs", [None, {"class": "govuk-select govuk-select--error", "disabled": True}]
)
def test_the_markup_matches_djangos_select(value, attrs):
    assert markup(PlainSelect, value, attrs) == markup(forms.Select, value, attrs)
