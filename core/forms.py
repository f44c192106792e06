"""What every public form on the site shares."""


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
