"""The consultation staff tools in the admin: their URLs, and links to them in
a consultation's "More" menus (page listing and page header)."""

from django.urls import path
from django.utils import timezone
from django.utils.http import urlencode
from wagtail import hooks
from wagtail.admin.ui.menus.pages import PageMenuItem
from wagtail.models import Page

from places.sections import LIST_SIZE, AreaSection

from . import admin_views
from .dashboard import OutcomesDuePanel
from .models import ConsultationPage
from .signals import refuse_to_delete


@hooks.register("content_moments")
def consultation_moments():
    """A consultation's status changes as it opens and closes and when its
    outcome comes out (core.moments)."""
    return ConsultationPage.objects.live(), (
        "opens_at",
        "closes_at",
        "outcome_published_at",
    )


@hooks.register("area_sections")
def consultations_in_area(area, request, indexes):
    """A place's consultations: open ones first, closing soonest, then those
    to come, then the most recently closed."""
    hub = indexes.get("ConsultationIndexPage")
    if hub is None:
        return None
    consultations = (
        ConsultationPage.objects.under_index(hub)
        .filter(areas=area)
        .for_hub(timezone.now())[:LIST_SIZE]
    )
    return AreaSection(
        heading="Have your say",
        template="consultations/area_section.html",
        order=10,
        context={
            "consultations": list(consultations),
            "hub_url": hub.get_url(request) + "?" + urlencode({"place": area.slug}),
        },
    )


@hooks.register("construct_homepage_panels")
def outcomes_due_panel(request, panels):
    panels.append(OutcomesDuePanel(request))


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path(
            "consultations/<int:page_id>/offline-response/",
            admin_views.offline_response,
            name="consultations_offline_response",
        ),
        path(
            "consultations/<int:page_id>/results/",
            admin_views.results,
            name="consultations_results",
        ),
        path(
            "consultations/<int:page_id>/equality/",
            admin_views.equality_figures,
            name="consultations_equality",
        ),
        # Shadows Wagtail's own "delete submissions" URL (this app's hooks are
        # registered before wagtail.contrib.forms'), to require publishing.
        path(
            "forms/submissions/<int:page_id>/delete/",
            admin_views.DeleteResponsesView.as_view(),
            name="consultations_delete_responses",
        ),
    ]


class ConsultationMenuItem(PageMenuItem):
    def is_shown(self, user):
        # specific_class comes from the cached content type: no query per row.
        return issubclass(
            self.page.specific_class or type(None), ConsultationPage
        ) and self.may(self.page.permissions_for_user(user))

    def may(self, permissions) -> bool:
        """The same test as the view's (admin_views)."""
        return permissions.can_edit()


class ResultsMenuItem(ConsultationMenuItem):
    label = "Results"
    icon_name = "table"
    url_name = "consultations_results"


class OfflineResponseMenuItem(ConsultationMenuItem):
    label = "Enter an offline response"
    icon_name = "form"
    url_name = "consultations_offline_response"


class EqualityMenuItem(ConsultationMenuItem):
    label = "Equality figures"
    icon_name = "group"
    url_name = "consultations_equality"

    def may(self, permissions) -> bool:
        return permissions.can_publish()


def _menu_items(page):
    yield ResultsMenuItem(page=page, priority=45)
    yield OfflineResponseMenuItem(page=page, priority=46)
    yield EqualityMenuItem(page=page, priority=47)


@hooks.register("register_page_listing_more_buttons")
def page_listing_more_buttons(page, user, next_url=None):
    yield from _menu_items(page)


@hooks.register("register_page_header_buttons")
def page_header_buttons(page, user, view_name, next_url=None):
    yield from _menu_items(page)


@hooks.register("before_delete_page")
def keep_responses_on_delete(request, page):
    return refuse_to_delete(request, page)


@hooks.register("before_bulk_action")
def keep_responses_in_bulk(request, action_type, objects, action):
    if action_type != "delete":
        return None
    for page in objects:
        if isinstance(page, Page) and (refusal := refuse_to_delete(request, page)):
            return refusal
    return None
