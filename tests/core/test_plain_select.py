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


# Odd shapes Django's Select handles in its own way: None at the top level and
# inside a group, and a group without a name.
ODD_CHOICES = [
    (None, "Nothing"),
    ("", [("in-unnamed", "In an unnamed group")]),
    ("Group", [(None, "None in a group"), ("g1", "First")]),
]


def markup(widget_class, value, attrs, choices=CHOICES, required=False):
    class Form(forms.Form):
        field = forms.ChoiceField(
            choices=choices, required=required, widget=widget_class(attrs=attrs)
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


@pytest.mark.parametrize("value", ["", "None", "in-unnamed", "g1"])
@pytest.mark.parametrize("required", [False, True])
def test_odd_choices_match_djangos_select_too(value, required):
    assert markup(PlainSelect, value, None, ODD_CHOICES, required) == markup(
        forms.Select, value, None, ODD_CHOICES, required
    )
