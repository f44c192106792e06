"""The moments at which public pages change with no edit: a consultation
opens or closes, its outcome comes out, a meeting starts; and midnight, when
actions fall overdue and call-in periods end.

Anything that keeps what depends on the time, a rendered page
(core.page_cache) or the hub's order (consultations.hub), keys it by
`epoch()` as well as by the content generation, so what was kept just before
a consultation closed is not used after it. Apps name their moments with the
`content_moments` hook: a function returning `(queryset, fields)`, the rows
whose datetime `fields` are such moments.
"""

import bisect
import datetime

from django.db.models import Max, Q
from django.utils import timezone
from wagtail import hooks

from core.content_generation import Memo

HOOK = "content_moments"


# Moments this long before a memo is built are kept with those to come, so
# that it also answers for a `now` a request took a little before then.
MARGIN = datetime.timedelta(hours=1)


class Moments:
    """What `epoch()` needs, as of when it was built: the latest moment
    well past, and those since or still to come, in order."""

    def __init__(self, latest_past, upcoming):
        self.latest_past = latest_past
        self.upcoming = upcoming

    @classmethod
    def at(cls, now):
        now -= MARGIN
        latest_past, upcoming = None, []
        for provider in hooks.get_hooks(HOOK):
            queryset, fields = provider()
            past = queryset.aggregate(
                **{
                    field: Max(field, filter=Q(**{f"{field}__lte": now}))
                    for field in fields
                }
            )
            latest_past = max(
                (moment for moment in (latest_past, *past.values()) if moment),
                default=None,
            )
            to_come = Q()
            for field in fields:
                to_come |= Q(**{f"{field}__gt": now})
            for row in queryset.filter(to_come).values_list(*fields):
                upcoming.extend(moment for moment in row if moment and moment > now)
        return cls(latest_past, sorted(upcoming))

    def last_passed(self, now):
        """The latest moment at or before `now`, or None if none has come."""
        passed = bisect.bisect_right(self.upcoming, now)
        return self.upcoming[passed - 1] if passed else self.latest_past


_moments = Memo(lambda: Moments.at(timezone.now()))


def epoch(now=None) -> str:
    """Names the state of every time-dependent thing on public pages at
    `now` (default: this instant), for the content generation: the same
    until the next moment passes or the day ends. Queries the database only
    when the content generation is new to this process."""
    now = now or timezone.now()
    moment = _moments.get().last_passed(now)
    stamp = f"{moment.timestamp():.0f}" if moment else "-"
    return f"{timezone.localdate(now).isoformat()}:{stamp}"
