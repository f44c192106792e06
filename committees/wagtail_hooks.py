"""The committees section's own admin menu items: people are snippets,
created once and chosen on committees and meetings; actions have the
"Action tracker" (admin.py)."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from wagtail import hooks
from wagtail.admin.panels import ObjectList
from wagtail.models import Page
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet
from wagtail_modeladmin.options import modeladmin_register

from . import area_sections
from .admin import ActionAdmin
from .admin_forms import ForwardPlanEntryForm
from .forward_plan import ForwardPlanEntry
from .models import AgendaItemPage, MeetingPage
from .people import Person
from .permissions import (
    KEPT_MINUTES_MESSAGE,
    holds_approved_minutes,
    shown_to_everyone,
)


class PersonViewSet(SnippetViewSet):
    model = Person
    icon = "user"
    menu_label = "Committee people"
    menu_order = 300
    add_to_admin_menu = True
    list_display = ["name", "title", "role_title", "organisation", "kind"]
    list_filter = ["kind"]
    search_fields = ["name", "role_title", "organisation"]


class ForwardPlanViewSet(SnippetViewSet):
    model = ForwardPlanEntry
    icon = "date"
    menu_label = "Forward plan"
    menu_order = 305
    add_to_admin_menu = True
    list_display = ["title", "expected_on", "deciders", "status"]
    list_filter = ["key_decision", "notice_exception"]
    search_fields = ["title", "summary", "decision_maker"]
    search_backend_name = None  # not in the search index: the database searches
    # The model's panels, with a form that will not date notice back.
    edit_handler = ObjectList(
        ForwardPlanEntry.panels, base_form_class=ForwardPlanEntryForm
    )

    def get_queryset(self, request):
        # "Decision by" names the committee on every row.
        return ForwardPlanEntry.objects.for_listing()


register_snippet(PersonViewSet)
register_snippet(ForwardPlanViewSet)
modeladmin_register(ActionAdmin)


def _keep_minutes(request, page, done):
    """For pages outside the section too (the home page above it), and for
    anyone whose permissions would let them."""
    if holds_approved_minutes(page):
        messages.error(
            request, KEPT_MINUTES_MESSAGE.format(title=page.title, done=done)
        )
        return redirect("wagtailadmin_explore", page.get_parent().pk)
    return None


@hooks.register("before_serve_document")
def withhold_part_two_papers(document, request):
    """A paper of a part-two (exempt) item is exempt information wherever it
    is kept: by its address it answers 404, as the item's page does, to all
    but those who may edit the item. Papers in a private collection are
    refused earlier, by Wagtail's own check."""
    exempt_items = list(
        AgendaItemPage.objects.filter(documents__document=document, is_exempt=True)
    )
    if not exempt_items:
        return None
    user = request.user
    if user.is_authenticated and any(
        item.permissions_for_user(user).can_edit() for item in exempt_items
    ):
        return None
    raise Http404


hooks.register("area_sections", area_sections.councillors_section)
hooks.register("area_sections", area_sections.coming_up_section)
hooks.register("area_sections", area_sections.decisions_section)
hooks.register("area_sections", area_sections.actions_section)


@hooks.register("content_moments")
def meeting_moments():
    """A meeting moves from upcoming to past as it starts (core.moments)."""
    return MeetingPage.objects.live(), ("starts_at",)


@hooks.register("before_delete_page")
def keep_approved_minutes_on_delete(request, page):
    return _keep_minutes(request, page, "deleted")


@hooks.register("before_unpublish_page")
def keep_approved_minutes_on_unpublish(request, page):
    return _keep_minutes(request, page, "unpublished")


@hooks.register("before_copy_page")
def keep_approved_minutes_one_of_a_kind(request, page):
    # A copy or an alias of approved minutes would be a second, undeletable
    # record of the same meeting.
    return _keep_minutes(request, page, "copied")


@hooks.register("before_bulk_action")
def keep_approved_minutes_in_bulk(request, action_type, objects, action):
    # Wagtail's bulk delete asks only can_delete() of each chosen page, whose
    # own type may know nothing of the minutes below it (the home page).
    done = {"delete": "deleted", "unpublish": "unpublished"}.get(action_type)
    if done is None:
        return None
    for page in objects:
        if isinstance(page, Page) and (refusal := _keep_minutes(request, page, done)):
            return refusal
    return None


@hooks.register("before_move_page")
def keep_approved_minutes_public_on_move(request, page, destination):
    if holds_approved_minutes(page) and not shown_to_everyone(destination):
        messages.error(
            request,
            f"“{page.title}” holds approved minutes, which stay open to "
            "inspection: move it only under a published page that everyone "
            "can see.",
        )
        return redirect("wagtailadmin_pages:move", page.pk)
    return None
