"""Snippets editors manage beside stories: the people quoted, with the state
of their consent to publish, in the listing where editors look. (Places are
the places app's.)"""

from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from places.sections import LIST_SIZE, AreaSection

from .models import QuotedPerson, StoryPage


class QuotedPersonViewSet(SnippetViewSet):
    model = QuotedPerson
    icon = "user"
    menu_label = "Quoted people"
    list_display = ["name", "organisation", "consent_status", "consent_expires_on"]
    list_filter = ["consent_recorded"]
    search_fields = ["name", "organisation"]


class StorySnippets(SnippetViewSetGroup):
    items = (QuotedPersonViewSet,)
    menu_icon = "openquote"
    menu_label = "Stories"
    menu_name = "stories"


register_snippet(StorySnippets)


@hooks.register("area_sections")
def stories_in_area(area, request, indexes):
    index = indexes.get("StoryIndexPage")
    if index is None:
        return None
    stories = (StoryPage.objects.under_index(index).filter(areas=area).for_listing())[
        :LIST_SIZE
    ]
    return AreaSection(
        heading="Success stories",
        template="stories/area_section.html",
        order=30,
        context={"stories": list(stories), "index": index},
    )
