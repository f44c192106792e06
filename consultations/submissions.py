import secrets

from django.db import models
from wagtail.contrib.forms.models import AbstractFormSubmission

from .enums import ResponseChannel
from .equality import AgeBand, Disability, EthnicGroup, Sex

# No 0/O, 1/I/L, 2/Z, 5/S, 8/B: easy to read aloud over the phone.
REFERENCE_ALPHABET = "34679ACDEFGHJKMNPQRTUVWXY"


def new_reference() -> str:
    code = "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(8))
    return f"HYS-{code[:4]}-{code[4:]}"


class ConsultationResponse(AbstractFormSubmission):
    """One response to a consultation, online or entered by staff.

    Answers live in `form_data` (Wagtail's form submissions), so the admin's
    submissions list and CSV export work unchanged. No IP address is stored."""

    reference = models.CharField(max_length=20, unique=True, default=new_reference)
    channel = models.CharField(
        max_length=10, choices=ResponseChannel.choices, default=ResponseChannel.ONLINE
    )
    # The form's one-time token: a double click or a retry stores one response.
    submission_token = models.UUIDField(null=True, blank=True, editable=False)
    receipt_email = models.EmailField(blank=True)
    # The resident asked to be told, at receipt_email, when the outcome is out
    # (outcome_notices); when they were.
    outcome_notice_wanted = models.BooleanField(default=False)
    outcome_notified_at = models.DateTimeField(null=True, blank=True)
    outcome_notice_attempts = models.PositiveSmallIntegerField(default=0)
    # The resident also asked to be told when councillors are due to consider
    # the consultation and what they decide (progress_notices). Asked with
    # the outcome since this field came: earlier responses agreed to the
    # outcome alone, so keep False for them.
    progress_notices_wanted = models.BooleanField(default=False)
    anonymised_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "consultation response"
        constraints = [
            models.UniqueConstraint(
                fields=["page", "submission_token"], name="one_response_per_form_token"
            )
        ]
        indexes = [
            models.Index(fields=["page", "submit_time"]),
            # send_outcome_notices' every run: only the notices still owed.
            models.Index(
                fields=["outcome_notice_attempts", "id"],
                condition=models.Q(
                    outcome_notice_wanted=True, outcome_notified_at__isnull=True
                ),
                name="outcome_notices_owed",
            ),
        ]

    def get_data(self):
        return {
            **super().get_data(),
            "reference": self.reference,
            "channel": self.get_channel_display(),
        }

    def __str__(self):
        return self.reference


class ProgressNotice(models.Model):
    """One email owed, or sent, to a resident about their consultation's
    progress through committee (progress_notices): `event` names what
    happened, "agenda:<item id>" or "decided:<item id>", so each is sent once."""

    response = models.ForeignKey(
        ConsultationResponse, on_delete=models.CASCADE, related_name="progress_notices"
    )
    event = models.CharField(max_length=40)
    queued_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["response", "event"], name="one_notice_per_event"
            )
        ]
        indexes = [
            models.Index(
                fields=["attempts", "id"],
                condition=models.Q(sent_at__isnull=True),
                name="progress_notices_owed",
            )
        ]

    def __str__(self):
        return f"{self.event} for {self.response_id}"


class EqualityAnswers(models.Model):
    """A respondent's optional equality monitoring answers, kept apart from
    their response so that only those who must see them can (QUALITY PRIV-03):
    they are not in the submissions list, its export, or the results; only
    their totals are shown, to those who may publish the consultation
    (equality_report)."""

    response = models.OneToOneField(
        ConsultationResponse, on_delete=models.CASCADE, related_name="equality"
    )
    age_band = models.CharField(max_length=20, choices=AgeBand.choices, blank=True)
    sex = models.CharField(max_length=20, choices=Sex.choices, blank=True)
    disability = models.CharField(max_length=20, choices=Disability.choices, blank=True)
    ethnic_group = models.CharField(
        max_length=20, choices=EthnicGroup.choices, blank=True
    )

    class Meta:
        verbose_name = "equality monitoring answers"
        verbose_name_plural = "equality monitoring answers"

    def __str__(self):
        return f"Equality answers for {self.response_id}"
