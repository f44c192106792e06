"""The committees section's own admin menu items: people are snippets,
created once and chosen on committees and meetings; actions have the
"Action tracker" (admin.py)."""

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet
from wagtail_modeladmin.options import modeladmin_register

from .admin import ActionAdmin
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
modeladmin_register(ActionAdmin)
