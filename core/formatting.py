"""Dates and times as GOV.UK style writes them: "2pm on Monday 14 December 2026",
"11:59pm", "midday", "midnight" (never "12am"), always in UK time."""

import datetime

from django.utils import timezone


def govuk_time(moment: datetime.datetime | datetime.time) -> str:
    """A wall-clock time (already UK time) or an instant, as "3:25pm"."""
    local = moment if isinstance(moment, datetime.time) else timezone.localtime(moment)
    if local.minute == 0 and local.hour in (0, 12):
        return "midnight" if local.hour == 0 else "midday"
    hour = local.hour % 12 or 12
    minutes = f":{local.minute:02d}" if local.minute else ""
    return f"{hour}{minutes}{'am' if local.hour < 12 else 'pm'}"


def govuk_date(value: datetime.date, weekday: bool = False) -> str:
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value).date()
    text = f"{value.day} {value:%B %Y}"
    return f"{value:%A} {text}" if weekday else text


def govuk_datetime(moment: datetime.datetime, weekday: bool = False) -> str:
    return f"{govuk_time(moment)} on {govuk_date(moment, weekday=weekday)}"


def iso_date(value: datetime.date | None) -> str | None:
    """A date as ISO 8601 ("2026-06-18") for open data and spreadsheets."""
    return value.isoformat() if value else None
