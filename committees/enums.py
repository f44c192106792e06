from django.db import models


class MeetingStatus(models.TextChoices):
    """What democratic services set. Whether a meeting has been held is not
    stored: it follows from a scheduled meeting's date having passed."""

    SCHEDULED = "scheduled", "Scheduled"
    CANCELLED = "cancelled", "Cancelled"
    POSTPONED = "postponed", "Postponed"


class PersonKind(models.TextChoices):
    COUNCILLOR = "councillor", "Councillor"
    OFFICER = "officer", "Officer"
    OTHER = "other", "Other"


class MembershipRole(models.TextChoices):
    """In the order a committee page lists its members."""

    CHAIR = "chair", "Chair"
    VICE_CHAIR = "vice-chair", "Vice-chair"
    MEMBER = "member", "Member"
    CO_OPTED = "co-opted", "Co-opted member"


class AttendanceStatus(models.TextChoices):
    PRESENT = "present", "Present"
    APOLOGIES = "apologies", "Apologies"
    ABSENT = "absent", "Absent"
    SUBSTITUTE = "substitute", "Substitute"


class AttendanceCapacity(models.TextChoices):
    MEMBER = "member", "Member"
    OFFICER = "officer", "Officer"
    GUEST = "guest", "Guest"
