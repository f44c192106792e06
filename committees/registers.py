"""Public registers across committees: every decision (with a feed) and every
action, each with filters, served from routes on CommitteeIndexPage."""

from django.utils import timezone

from core.pagination import paginate
from core.querysets import ListingPageQuerySet

from .actions import Action
from .feeds import DecisionsFeed
from .forms import ActionFilterForm, DecisionFilterForm
from .minutes import Resolution

PER_PAGE = 20


def section_committees(section):
    """The section's live, public committees, for the filters' lists."""
    from .models import CommitteePage

    return list(
        ListingPageQuerySet(CommitteePage)
        .child_of(section)
        .live()
        .public()
        .defer_streamfields()
        .order_by("title", "pk")
    )


def render_register(request, section, template, route, context):
    """A register page: `section`'s own context (its breadcrumbs and
    navigation) with the register's on top."""
    path = section.reverse_subpage(route)
    context.update(
        crumbs=[*section.get_ancestors().filter(depth__gte=2), section],
        canonical_url=section.get_full_url(request) + path,
        register_url=section.get_url(request) + path,
    )
    return section.render(request, template=template, context_overrides=context)


def decisions_register(request, section):
    filters = DecisionFilterForm(request.GET, committees=section_committees(section))
    resolutions = filters.apply(Resolution.objects.for_register())
    return render_register(
        request,
        section,
        "committees/decisions_register.html",
        "decisions_register",
        {
            "filters": filters,
            "filtering": filters.is_filtering,
            "page_obj": paginate(request, resolutions, PER_PAGE),
            "query_prefix": filters.query_prefix,
        },
    )


def decisions_feed(request, section):
    return DecisionsFeed(section)(request)


def action_tracker(request, section):
    today = timezone.localdate()
    filters = ActionFilterForm(request.GET, committees=section_committees(section))
    actions = filters.apply(Action.objects.public().for_tracker(today), today)
    return render_register(
        request,
        section,
        "committees/action_tracker.html",
        "action_tracker",
        {
            "filters": filters,
            "filtering": filters.is_filtering,
            "page_obj": paginate(request, actions, PER_PAGE),
            "query_prefix": filters.query_prefix,
            "today": today,
        },
    )


def latest_decisions(committee, limit=5):
    """The committee's newest public resolutions, newest meeting first."""
    return Resolution.objects.in_committee(committee).for_register()[:limit]
