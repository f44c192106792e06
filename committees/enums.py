from django.db import models


class MeetingStatus(models.TextChoices):
    """What democratic services set. Whether a meeting has been held is not
    stored: it follows from a scheduled meeting's date having passed."""

    SCHEDULED = "scheduled", "Scheduled"
    CANCELLED = "cancelled", "Cancelled"
    POSTPONED = "postponed", "Postponed"


class CallInOutcome(models.TextChoices):
    """What scrutiny concluded about a decision called in."""

    NO_FURTHER_ACTION = (
        "no-further-action",
        "No further action, so the decision takes effect",
    )
    REFERRED_BACK = "referred-back", "Referred back to the decision maker to reconsider"
    REFERRED_TO_COUNCIL = "referred-to-council", "Referred to full council"


class InterestCategory(models.TextChoices):
    """The register of members' interests: the seven kinds of disclosable
    pecuniary interest (The Relevant Authorities (Disclosable Pecuniary
    Interests) Regulations 2012), in their order, then the other interests
    the council's code of conduct asks members to register."""

    EMPLOYMENT = "employment", "Employment, office, trade, profession or vocation"
    SPONSORSHIP = "sponsorship", "Sponsorship"
    CONTRACTS = "contracts", "Contracts"
    LAND = "land", "Land"
    LICENCES = "licences", "Licences"
    CORPORATE_TENANCIES = "corporate-tenancies", "Corporate tenancies"
    SECURITIES = "securities", "Securities"
    OTHER = "other", "Other registrable interests"


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


class MinutesStatus(models.TextChoices):
    """Where a meeting's minutes stand. Draft minutes are public, marked as
    subject to approval; approved minutes are locked (see permissions.py)."""

    NONE = "none", "Not yet published"
    DRAFT = "draft", "Draft, subject to approval"
    APPROVED = "approved", "Approved"

    @classmethod
    def published(cls):
        return [cls.DRAFT, cls.APPROVED]


class DeclarationCategory(models.TextChoices):
    """The categories of the model councillor code of conduct."""

    DISCLOSABLE_PECUNIARY = "dpi", "Disclosable pecuniary interest"
    OTHER_REGISTRABLE = "other-registrable", "Other registrable interest"
    NON_REGISTRABLE = "non-registrable", "Non-registrable interest"


class AttendanceChange(models.TextChoices):
    JOINED = "joined", "joined the meeting"
    LEFT = "left", "left the meeting"


class MotionResult(models.TextChoices):
    CARRIED = "carried", "Carried"
    LOST = "lost", "Lost"
    WITHDRAWN = "withdrawn", "Withdrawn"


class ActionStatus(models.TextChoices):
    OPEN = "open", "Open"
    IN_PROGRESS = "in-progress", "In progress"
    DONE = "done", "Done"
    DROPPED = "dropped", "Dropped"

    @classmethod
    def outstanding(cls):
        """The statuses an action can be overdue in."""
        return [cls.OPEN, cls.IN_PROGRESS]


class MeetingDocumentKind(models.TextChoices):
    AGENDA_PACK = "agenda-pack", "Agenda pack"
    SUPPLEMENTARY = "supplementary", "Supplementary papers"
    MINUTES = "minutes", "Minutes (printable copy)"
    OTHER = "other", "Other"
