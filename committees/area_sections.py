"""What a place's page (places) shows from the committees section: the
ward's councillors, and the decisions on items affecting the place."""

from django.db.models import F
from django.utils import timezone
from django.utils.http import urlencode

from places.sections import LIST_SIZE, AreaSection

from .actions import Action
from .councillors import by_surname, councillors_with_pages
from .minutes import Resolution


def section_url(section, request, route, *args) -> str:
    """The address of one of the committee index's routes, from the plain
    Page that home.models.section_indexes gives."""
    from .models import CommitteeIndexPage

    return section.get_url(request) + CommitteeIndexPage.get_resolver().reverse(
        route, *args
    )


def councillors_section(area, request, indexes):
    section = indexes.get("CommitteeIndexPage")
    if section is None or area.kind != "ward":
        return None
    people = councillors_with_pages(section).filter(ward=area)
    return AreaSection(
        heading="Your councillors",
        template="committees/area_councillors.html",
        order=5,
        context={
            "councillors": [
                (person, section_url(section, request, "councillor", person.slug))
                for person in sorted(people, key=by_surname)
            ],
            "directory_url": section_url(section, request, "councillors"),
        },
    )


def coming_up_section(area, request, indexes):
    """Items affecting the place on the agendas of meetings to come: what
    residents can still go to, or write to their councillors about."""
    from .models import AgendaItemPage

    section = indexes.get("CommitteeIndexPage")
    if section is None:
        return None
    items = (
        AgendaItemPage.objects.descendant_of(section)
        .coming_up(timezone.now())
        .filter(areas=area)
    )
    items = list(items[:LIST_SIZE])
    if not items:
        return None
    return AreaSection(
        heading="Coming up at meetings",
        template="committees/area_coming_up.html",
        order=15,
        context={
            "items": items,
            "meetings_url": section_url(section, request, "meetings_register"),
        },
    )


def actions_section(area, request, indexes):
    """What is still to be done on decisions affecting the place: the
    action tracker's outstanding actions, soonest due first."""
    section = indexes.get("CommitteeIndexPage")
    if section is None:
        return None
    today = timezone.localdate()
    actions = (
        Action.objects.public()
        .in_committee(section)
        .affecting(area.pk)
        .outstanding()
        .with_overdue(today)
        .select_related("agenda_item")
        .defer("agenda_item__body")
        .order_by(F("due_on").asc(nulls_last=True), "pk")
    )
    actions = list(actions[:LIST_SIZE])
    if not actions:
        return None
    return AreaSection(
        heading="Actions under way",
        template="committees/area_actions.html",
        order=25,
        context={
            "actions": actions,
            "tracker_url": section_url(section, request, "action_tracker")
            + "?"
            + urlencode({"place": area.slug}),
        },
    )


def decisions_section(area, request, indexes):
    section = indexes.get("CommitteeIndexPage")
    if section is None:
        return None
    decisions = (
        Resolution.objects.in_committee(section).affecting(area.pk).for_register()
    )
    return AreaSection(
        heading="Decisions",
        template="committees/area_decisions.html",
        order=20,
        context={
            "decisions": list(decisions[:LIST_SIZE]),
            "register_url": section_url(section, request, "decisions_register")
            + "?"
            + urlencode({"place": area.slug}),
        },
    )
