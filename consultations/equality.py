"""Optional equality monitoring questions (QUALITY PRIV-03): every one has
"Prefer not to say", none is required, and the answers are stored apart from
the response's answers, out of the submissions list and its export."""

from django.db import models

PREFER_NOT_TO_SAY = ("prefer_not_to_say", "Prefer not to say")


class AgeBand(models.TextChoices):
    UNDER_18 = "under_18", "Under 18"
    FROM_18 = "18_24", "18 to 24"
    FROM_25 = "25_34", "25 to 34"
    FROM_35 = "35_44", "35 to 44"
    FROM_45 = "45_54", "45 to 54"
    FROM_55 = "55_64", "55 to 64"
    FROM_65 = "65_74", "65 to 74"
    OVER_75 = "75_over", "75 or over"
    PREFER_NOT = PREFER_NOT_TO_SAY


class Sex(models.TextChoices):
    FEMALE = "female", "Female"
    MALE = "male", "Male"
    PREFER_NOT = PREFER_NOT_TO_SAY


class Disability(models.TextChoices):
    YES = "yes", "Yes"
    NO = "no", "No"
    PREFER_NOT = PREFER_NOT_TO_SAY


class EthnicGroup(models.TextChoices):
    """The five high-level groups of the Census 2021 for England and Wales."""

    ASIAN = "asian", "Asian or Asian British"
    BLACK = "black", "Black, Black British, Caribbean or African"
    MIXED = "mixed", "Mixed or multiple ethnic groups"
    WHITE = "white", "White"
    OTHER = "other", "Another ethnic group"
    PREFER_NOT = PREFER_NOT_TO_SAY


QUESTIONS = {
    "engage_eq_age_band": ("What is your age?", AgeBand),
    "engage_eq_sex": ("What is your sex?", Sex),
    "engage_eq_disability": (
        "Do you have a physical or mental health condition or illness that has "
        "lasted or is expected to last 12 months or more?",
        Disability,
    ),
    "engage_eq_ethnic_group": ("What is your ethnic group?", EthnicGroup),
}


def model_field(form_field_name: str) -> str:
    return form_field_name.removeprefix("engage_eq_")
