from django import forms

from .devices import CodeCheck, check_code

WRONG_APP_CODE = (
    "The code is not right. Enter the code your authenticator app shows now."
)
WRONG_CODE = (
    "The code is not right. Enter the code your authenticator app shows now, "
    "or one of your recovery codes."
)
WAIT = "Too many wrong codes. Wait {seconds} {unit}, then try again."


class CodeForm(forms.Form):
    """One code, checked against a device: the authenticator being set up, or
    whichever of the person's devices the code is for."""

    code = forms.CharField(
        label="Code",
        max_length=40,
        error_messages={"required": "Enter the code from your authenticator app."},
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "autocapitalize": "none",
                "spellcheck": "false",
                "autofocus": True,
            }
        ),
    )

    def __init__(self, *args, user, device=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.device = device
        self.check = CodeCheck()
        field = self.fields["code"]
        if device is None:
            field.help_text = "The 6-digit code from your app, or a recovery code."
        else:
            field.help_text = "The 6-digit code your app shows."
            field.widget.attrs["inputmode"] = "numeric"

    def clean_code(self):
        self.check = check_code(self.user, self.cleaned_data["code"], self.device)
        if self.check.wait_seconds:
            raise forms.ValidationError(
                WAIT.format(
                    seconds=self.check.wait_seconds,
                    unit="second" if self.check.wait_seconds == 1 else "seconds",
                ),
                code="throttled",
            )
        if not self.check.passed:
            wrong = WRONG_APP_CODE if self.device is not None else WRONG_CODE
            raise forms.ValidationError(wrong, code="wrong")
        return self.cleaned_data["code"]
