"""What every public form on the site shares."""

import html

from django import forms
from django.utils.html import format_html
from django.utils.safestring import mark_safe


def is_digits(value: str) -> bool:
    """Plain ASCII digits, as a number typed or put in an address: str.isdigit()
    also takes "²" and "١٢", which int() then refuses or reads otherwise."""
    return value.isascii() and value.isdigit()


class MarkInvalidControlsMixin:
    """GOV.UK marks an invalid control itself (`govuk-input--error`), not only
    its form group: add the modifier to each invalid field's widget."""

    ERROR_CLASSES = ("govuk-input", "govuk-textarea", "govuk-select")

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            if name not in self.fields:
                continue
            widget = self.fields[name].widget
            classes = widget.attrs.get("class", "").split()
            widget.attrs["class"] = " ".join(
                [*classes, *(f"{c}--error" for c in classes if c in self.ERROR_CLASSES)]
            )


class FilterFormMixin:
    """A GET form of listing filters: the ones set and valid, whether any is."""

    @property
    def values(self) -> dict:
        """The valid filters that are set; invalid ones are left out."""
        return {key: value for key, value in self.cleaned_data.items() if value}

    @property
    def is_filtering(self) -> bool:
        return bool(self.values)


class PlainSelect(forms.Select):
    """A select rendered in Python, with the same markup as Django's.

    Django builds a dictionary for every option and renders each through a
    template of its own: for a list of a hundred committees that was a fifth
    of the register pages' render time."""

    def render(self, name, value, attrs=None, renderer=None):
        chosen = set(self.format_value(value))
        parts = []
        for option_value, label in self.choices:
            # As Django's optgroups(): None is "" at the top level only, and a
            # group without a name is written without <optgroup>.
            if option_value is None:
                option_value = ""
            if isinstance(label, (list, tuple)):
                inner = "".join(self._option(v, sub, chosen) for v, sub in label)
                if option_value:
                    inner = (
                        f'<optgroup label="{escaped(option_value)}">{inner}</optgroup>'
                    )
                parts.append(inner)
            else:
                parts.append(self._option(option_value, label, chosen))
        attrs = self.build_attrs(self.attrs, attrs)
        if self.allow_multiple_selected:
            attrs["multiple"] = True
        return mark_safe(  # noqa: S308 (each part escaped)
            f'<select name="{escaped(name)}"{attributes(attrs)}>'
            f"{''.join(parts)}</select>"
        )

    def _option(self, value, label, chosen) -> str:
        value = str(value)
        # As Django's: a single select marks only the first match.
        selected = value in chosen
        if selected and not self.allow_multiple_selected:
            chosen.clear()
        return (
            f'<option value="{escaped(value)}"{" selected" if selected else ""}>'
            f"{escaped(label)}</option>"
        )


def escaped(value) -> str:
    """Django's conditional_escape, without its checks for lazy strings: it
    runs for every option of every select."""
    if hasattr(value, "__html__"):
        return value.__html__()
    return html.escape(str(value))


def attributes(attrs):
    """HTML attributes in the order given, as Django's widget templates write
    them: True as a bare name, False left out."""
    return mark_safe(  # noqa: S308 (each part escaped by format_html)
        "".join(
            format_html(" {}", name)
            if value is True
            else format_html(' {}="{}"', name, value)
            for name, value in attrs.items()
            if value is not False
        )
    )
