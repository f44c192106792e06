"""Log lines stamped in UTC, ISO 8601 (QUALITY SEC-17): the site's own time
zone is Europe/London, whose clocks change twice a year, and lines from
several servers must sort and compare as they are."""

import logging
import time


class UTCFormatter(logging.Formatter):
    converter = time.gmtime
    default_time_format = "%Y-%m-%dT%H:%M:%S"
    default_msec_format = "%s.%03dZ"
