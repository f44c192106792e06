"""QUALITY SEC-17: log lines carry UTC times, whatever the site's time zone."""

import logging

from django.conf import settings
from django.utils.module_loading import import_string
from freezegun import freeze_time


def test_log_lines_are_stamped_in_utc_in_british_summer_time():
    plain = settings.LOGGING["formatters"]["plain"]
    formatter = import_string(plain["()"])(plain["format"])
    assert settings.TIME_ZONE == "Europe/London"
    with freeze_time("2026-07-01 12:00:00"):  # 13:00 in London
        record = logging.LogRecord(
            "engage.security", logging.INFO, "", 0, "x", (), None
        )
    assert formatter.format(record) == "2026-07-01T12:00:00.000Z INFO engage.security x"
