"""iCalendar feeds of meetings, to subscribe to in any calendar program.

One feed for the whole section and one per committee, both made here. Each
holds every live, public meeting from a year ago onwards: far enough back
that a subscriber still sees the recent meetings whose minutes follow.

Times are written in UK time (TZID=Europe/London, with its VTIMEZONE), so a
6pm meeting shows at 6pm whether it falls in GMT or BST, and a calendar in
another time zone converts it correctly.

A meeting with no recorded end has no DTEND. RFC 5545 then makes the event
end when it starts; calendars show it at its start time. The feed does not
make up a length that the council has not published.
"""

import datetime

from django.http import HttpResponse
from django.utils import timezone
from django.utils.http import content_disposition_header
from icalendar import Calendar, Event, Timezone, vDuration
from wagtail.models import Site

from core.models import SiteSettings

from .enums import MeetingStatus

PRODID = "-//Engage//Committee meetings//EN"
# How often a subscribed calendar should fetch the feed again.
REFRESH_INTERVAL = datetime.timedelta(hours=6)
STATUS = {
    MeetingStatus.SCHEDULED: "CONFIRMED",
    MeetingStatus.CANCELLED: "CANCELLED",
    MeetingStatus.POSTPONED: "TENTATIVE",
}
STATUS_NOTES = {
    MeetingStatus.CANCELLED: "This meeting has been cancelled.",
    MeetingStatus.POSTPONED: "This meeting has been postponed.",
}


def meetings_calendar(request, section=None, committee=None):
    """The feed of a committee's meetings, or of every committee's in the
    section. A fixed number of queries however many meetings there are."""
    from .models import MeetingPage

    if (section is None) == (committee is None):
        raise TypeError("Give either a section or a committee.")
    if committee is not None:
        page, meetings = committee, MeetingPage.objects.child_of(committee)
    else:
        page, meetings = section, MeetingPage.objects.descendant_of(section)
    meetings = list(
        meetings.for_listing()
        .with_committee_title()
        .filter(starts_at__gte=a_year_before(timezone.localdate()))
        .order_by("starts_at", "pk")
    )

    council = SiteSettings.for_request(request).council_name
    name = f"{committee.title} meetings" if committee else "Committee meetings"
    domain = uid_domain(request)
    calendar = Calendar.new(
        prodid=PRODID,
        name=f"{council}: {name}",
        uid=f"meetings-{page.pk}@{domain}",
        url=request.build_absolute_uri(page.get_url(request)),
        refresh_interval=REFRESH_INTERVAL,
    )
    # RFC 7986 requires the VALUE parameter, which icalendar leaves out.
    calendar["REFRESH-INTERVAL"].params["VALUE"] = "DURATION"
    # Outlook's name for REFRESH-INTERVAL.
    calendar.add("X-PUBLISHED-TTL", vDuration(REFRESH_INTERVAL))

    # The VTIMEZONE's transitions cover the years the feed holds and the next,
    # rather than icalendar's default of 1970 to 2038. It is there even when
    # there are no meetings: a VCALENDAR must hold at least one component.
    years = [meeting.starts_at.year for meeting in meetings] or [
        timezone.localdate().year
    ]
    calendar.add_component(
        Timezone.from_tzid(
            timezone.get_default_timezone_name(),
            first_date=datetime.date(min(years) - 1, 1, 1),
            last_date=datetime.date(max(years) + 2, 1, 1),
        )
    )
    for meeting in meetings:
        calendar.add_component(meeting_event(request, meeting, domain))

    response = HttpResponse(
        calendar.to_ical(), content_type="text/calendar; charset=utf-8"
    )
    filename = f"{committee.slug}-meetings.ics" if committee else "meetings.ics"
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=False, filename=filename
    )
    return response


def meeting_event(request, meeting, domain) -> Event:
    uk = timezone.get_default_timezone()
    url = request.build_absolute_uri(meeting.get_url(request))
    changed = (meeting.last_published_at or timezone.now()).astimezone(datetime.UTC)
    location = meeting.location or ("Online" if meeting.online_url else None)
    notes = [
        STATUS_NOTES.get(meeting.status),
        f"Agenda, papers and minutes: {url}",
        meeting.online_url and f"Join online: {meeting.online_url}",
        meeting.webcast_url and f"Webcast: {meeting.webcast_url}",
    ]
    return Event.new(
        uid=f"meeting-{meeting.pk}@{domain}",
        summary=f"{meeting.committee_title}: {meeting.title}",
        start=timezone.localtime(meeting.starts_at, uk),
        end=timezone.localtime(meeting.ends_at, uk) if meeting.ends_at else None,
        stamp=changed,
        last_modified=changed,
        location=location,
        url=url,
        description="\n".join(note for note in notes if note),
        status=STATUS.get(meeting.status, "CONFIRMED"),
    )


def a_year_before(day: datetime.date) -> datetime.datetime:
    """Midnight UK time on the same date a year earlier (28 February for
    29 February)."""
    try:
        earlier = day.replace(year=day.year - 1)
    except ValueError:
        earlier = day.replace(year=day.year - 1, day=28)
    return timezone.make_aware(datetime.datetime.combine(earlier, datetime.time.min))


def uid_domain(request) -> str:
    """The site's host name: a meeting keeps one UID in every feed it is in,
    whichever host name the feed was fetched from."""
    site = Site.find_for_request(request)
    return site.hostname if site else request.get_host().partition(":")[0]
