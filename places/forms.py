"""The "find your ward" postcode search."""

from django import forms

from core.forms import MarkInvalidControlsMixin

from .postcodes import LONGEST, normalise


class PostcodeForm(MarkInvalidControlsMixin, forms.Form):
    postcode = forms.CharField(
        label="Postcode",
        # Room for the spaces people type; anything longer is not a postcode.
        max_length=LONGEST + 4,
        error_messages={
            "required": "Enter a postcode",
            "max_length": "Enter a real postcode",
        },
        widget=forms.TextInput(
            attrs={
                "class": "govuk-input govuk-input--width-10",
                "autocomplete": "postal-code",
                "spellcheck": "false",
            }
        ),
    )

    ward = None

    def clean_postcode(self):
        from .models import Postcode

        postcode = normalise(self.cleaned_data["postcode"])
        if postcode is None:
            raise forms.ValidationError("Enter a real postcode")
        # Only to a place with a page: a ward an editor has since made a
        # label only would be a dead end.
        found = (
            Postcode.objects.select_related("ward")
            .filter(pk=postcode)
            .exclude(ward__kind="")
            .first()
        )
        if found is None:
            raise forms.ValidationError(
                f"We cannot find {postcode} in our area. Check the postcode, "
                "or choose your ward from the list"
            )
        self.ward = found.ward
        return postcode
