from django.db import models


class MeetingStatus(models.TextChoices):
    """What democratic services set. Whether a meeting has been held is not
    stored: it follows from a scheduled meeting's date having passed."""

    SCHEDULED = "scheduled", "Scheduled"
    CANCELLED = "cancelled", "Cancelled"
    POSTPONED = "postponed", "Postponed"
