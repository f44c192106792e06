"""Snippets editors manage beside stories: places, and the people quoted with
the state of their consent to publish, in the listing where editors look."""

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import Area, QuotedPerson


class QuotedPersonViewSet(SnippetViewSet):
    model = QuotedPerson
    icon = "user"
    menu_label = "Quoted people"
    list_display = ["name", "organisation", "consent_status", "consent_expires_on"]
    list_filter = ["consent_recorded"]
    search_fields = ["name", "organisation"]


class AreaViewSet(SnippetViewSet):
    model = Area
    icon = "site"
    menu_label = "Places"
    list_display = ["name", "kind"]
    search_fields = ["name"]


class StorySnippets(SnippetViewSetGroup):
    items = (QuotedPersonViewSet, AreaViewSet)
    menu_icon = "openquote"
    menu_label = "Stories"
    menu_name = "stories"


register_snippet(StorySnippets)
