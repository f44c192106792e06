"""Places in the admin: editors add the wards, parishes and towns that
records are linked to. Postcodes come from the ONS directory
(`manage.py import_postcodes`), not from editing."""

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Area


class AreaViewSet(SnippetViewSet):
    model = Area
    icon = "site"
    menu_label = "Places"
    add_to_admin_menu = True
    menu_order = 310
    list_display = ["name", "kind", "code"]
    list_filter = ["kind"]
    search_fields = ["name", "code"]


register_snippet(AreaViewSet)
