"""Serving a page with fewer queries than Wagtail's defaults, same answers.

On every request Wagtail looks up the Site (one query), fetches its home page
as its specific type (one more), fetches each page on the way down as a Page
and again as its specific type (two per level), and checks the page and its
ancestors for view restrictions (two more). Pages change only when something
is published, moved or deleted, and most councils restrict no page at all, so
each process keeps the site, the pages routing passes through and whether
anything is restricted in memos keyed by the content generation
(core.content_generation), which every such change replaces. Each request
gets its own copies of the memoised site and pages.
"""

import copy

from django.apps import apps
from django.db import DatabaseError
from django.http.request import split_domain_port
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.models.sites import get_site_for_hostname

from core.content_generation import Memo
from core.querysets import TreePosition, any_view_restrictions, previewing

_NO_SITE = object()


def _site_for(host_port):
    hostname, port = host_port
    try:
        site = get_site_for_hostname(hostname, port)
    except Site.DoesNotExist:
        return _NO_SITE
    # The home page as its specific type: Wagtail's routing starts from
    # site.root_page.specific.
    site.root_page = site.root_page.specific
    return site


def _child_page(key):
    model_label, parent, slug = key
    # Straight as its type when the parent allows one child type; otherwise
    # found as a Page, then fetched as its type.
    if model_label:
        pages = apps.get_model(model_label).objects.all()
    else:
        pages = Page.objects.specific()
    return pages.child_of(parent).filter(slug=slug).first()


_sites = Memo(_site_for)
# The pages routing passes through, as their specific types.
_routed_pages = Memo(_child_page, max_entries=2000)


def routed_child(parent, slug):
    """`parent`'s child called `slug`, as its specific type, or None, without
    a query once memoised. Each request gets its own shallow copy, so whatever
    a request sets or prefetches on its page stays with that request; the
    field values (a StreamField and what its blocks load) are shared, read
    only."""
    child_models = parent.specific_class.allowed_subpage_models()
    model_label = child_models[0]._meta.label if len(child_models) == 1 else ""
    page = _routed_pages.get((model_label, TreePosition.of(parent), slug))
    return copy.copy(page) if page is not None else None


def own_copy(site):
    """A request's own copy of a memoised site and its home page."""
    site = copy.copy(site)
    site.root_page = copy.copy(site.root_page)
    return site


class SiteMiddleware:
    """Gives each request its Site (with the home page loaded) from the memo;
    Wagtail's Site.find_for_request() then returns it without a query."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # As Site._find_for_request: the raw host, so that ALLOWED_HOSTS is
        # checked where Django checks it, not here.
        hostname = split_domain_port(request._get_raw_host())[0]
        try:
            site = _sites.get((hostname, request.get_port()))
        except DatabaseError:
            # Only a shortcut: leave the lookup (and its failure, answered by
            # core.health) to Wagtail, where the view needs it.
            return self.get_response(request)
        request._wagtail_site = None if site is _NO_SITE else own_copy(site)
        return self.get_response(request)


class FewerQueriesPageMixin:
    """For every page model: no restriction query when nothing is restricted,
    and ancestors (for breadcrumbs) from the parents routing left on the
    page. Also, as every page model has it: a preview lists what is below its
    page even while the page is unpublished (core.querysets.previewing)."""

    def serve_preview(self, request, mode_name):
        with previewing(self):
            response = super().serve_preview(request, mode_name)
            # Rendered here: a template's lists are read as it renders.
            if hasattr(response, "render"):
                response.render()
            return response

    def get_view_restrictions(self):
        if not any_view_restrictions():
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()

    def routed_ancestors(self, min_depth=2):
        """The ancestors from `min_depth` down, from the `_cached_parent_obj`
        chain that Wagtail's route() and route_on() set, or a query if this
        page was not reached by routing."""
        chain, node = [], self
        while node.depth > min_depth:
            node = getattr(node, "_cached_parent_obj", None)
            if node is None:
                return list(self.get_ancestors().filter(depth__gte=min_depth))
            chain.append(node)
        return chain[::-1]


class MemoisedChildRouteMixin:
    """Route to a child without a query once memoised (routed_child). Wagtail
    fetches each child as a Page, then again as its specific type; here a
    page that allows one child type fetches it straight as that type, once per
    content generation. Put it after RoutablePageMixin, whose routes come
    before children."""

    def route(self, request, path_components):
        if path_components:
            child = routed_child(self, path_components[0])
            if child is not None:
                return route_on(self, child, request, path_components)
        return super().route(request, path_components)


def route_on(parent, child, request, path_components):
    """Go on routing at `child`, remembering its parent as Wagtail's route()
    does (for get_parent() and breadcrumbs, without a query)."""
    child._cached_parent_obj = parent
    return child.route(request, path_components[1:])
