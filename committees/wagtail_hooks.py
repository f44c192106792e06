"""People are snippets: created once, chosen on committees and meetings."""

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .people import Person


class PersonViewSet(SnippetViewSet):
    model = Person
    icon = "user"
    menu_label = "Committee people"
    menu_order = 300
    add_to_admin_menu = True
    list_display = ["name", "title", "role_title", "organisation", "kind"]
    list_filter = ["kind"]
    search_fields = ["name", "role_title", "organisation"]


register_snippet(PersonViewSet)
