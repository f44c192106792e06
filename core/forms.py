"""What every public form on the site shares."""

from django import forms
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe


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

    Django renders every option through a template of its own: for a list of a
    hundred committees that was a fifth of the register pages' render time."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        groups = []
        for group_name, options, _ in widget["optgroups"]:
            rendered = format_html_join(
                "",
                '<option value="{}"{}>{}</option>',
                (
                    (str(option["value"]), attributes(option["attrs"]), option["label"])
                    for option in options
                ),
            )
            if group_name is not None:
                rendered = format_html(
                    '<optgroup label="{}">{}</optgroup>', group_name, rendered
                )
            groups.append(rendered)
        return format_html(
            '<select name="{}"{}>{}</select>',
            widget["name"],
            attributes(widget["attrs"]),
            mark_safe("".join(groups)),  # noqa: S308 (each part escaped above)
        )


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
