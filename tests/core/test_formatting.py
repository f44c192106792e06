import datetime
from zoneinfo import ZoneInfo

import pytest

from core.formatting import govuk_date, govuk_datetime, govuk_time

UTC = datetime.UTC
LONDON = ZoneInfo("Europe/London")


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        (datetime.datetime(2027, 1, 2, 23, 59, tzinfo=LONDON), "11:59pm"),
        (datetime.datetime(2027, 1, 2, 9, 0, tzinfo=LONDON), "9am"),
        (datetime.datetime(2027, 1, 2, 12, 0, tzinfo=LONDON), "midday"),
        (datetime.datetime(2027, 1, 2, 0, 0, tzinfo=LONDON), "midnight"),
        (datetime.datetime(2027, 1, 2, 0, 30, tzinfo=LONDON), "12:30am"),
        # British Summer Time: 13:00 UTC is 2pm in London.
        (datetime.datetime(2027, 7, 1, 13, 0, tzinfo=UTC), "2pm"),
    ],
)
def test_times_in_uk_time_as_gov_uk_writes_them(moment, expected):
    assert govuk_time(moment) == expected


def test_dates_with_and_without_the_weekday():
    day = datetime.date(2026, 12, 14)
    assert govuk_date(day) == "14 December 2026"
    assert govuk_date(day, weekday=True) == "Monday 14 December 2026"


def test_a_late_utc_time_falls_on_the_next_uk_day_in_summer():
    moment = datetime.datetime(2027, 6, 30, 23, 30, tzinfo=UTC)
    assert govuk_datetime(moment) == "12:30am on 1 July 2027"
