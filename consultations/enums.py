from django.db import models


class ConsultationStatus(models.TextChoices):
    """Derived from a consultation's dates and outcome, never stored."""

    OPEN = "open", "Open"
    FORTHCOMING = "forthcoming", "Forthcoming"
    CLOSED = "closed", "Closed"
    OUTCOME_PUBLISHED = "outcome", "Outcome published"


class ResponseChannel(models.TextChoices):
    """How a response reached us: online through the form, or entered by staff."""

    ONLINE = "online", "Online"
    EMAIL = "email", "Email"
    POST = "post", "Post"
    EVENT = "event", "Event or meeting"
    PHONE = "phone", "Phone"
