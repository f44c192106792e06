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
