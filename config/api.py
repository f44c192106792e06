"""The Wagtail API v2 at /api/v2/: read-only, public pages only.

Wagtail's pages endpoint already leaves out unpublished pages, and pages
restricted to anyone the request does not satisfy. Here it leaves out every
view-restricted page whatever the request's session (open data is the same
for everyone), every page below an unpublished one, and every exempt (part
two) agenda item, in the listing, the
detail view and `find`. Documents and images are not exposed: a document may
sit in a private collection, and an image may belong to unpublished content.
"""

from rest_framework.permissions import AllowAny
from rest_framework.renderers import JSONRenderer
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.models import Site

from committees.querysets import open_pages
from core.forms import is_digits


class PublicPagesAPIViewSet(PagesAPIViewSet):
    renderer_classes = [JSONRenderer]
    # No logins through the API: it is the same for everyone.
    authentication_classes = []
    permission_classes = [AllowAny]

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        check_query(request.GET)

    def get_queryset(self):
        queryset = super().get_queryset()
        # A listing of one type asked for its places fetches them all at once,
        # not one query per page (places.models.LinkedPlacesMixin).
        fields = self.request.GET.get("fields", "")
        if "places" in fields.split(",") and hasattr(queryset.model, "areas"):
            queryset = queryset.prefetch_related("areas")
        return queryset

    def get_base_queryset(self):
        # Also the queryset of the detail view (get_object) and of `find`:
        # a page left out here answers 404 there.
        # One `pk IN (...)` filter: the search backend takes no other kind.
        return super().get_base_queryset().filter(pk__in=open_pages().values("pk"))


def check_query(query):
    """What Wagtail's own views would turn into a 500, refused with a 400:
    a NUL character (PostgreSQL takes none), a `site` that names no site or
    has a port that is not a number, an `id` that is not one."""
    for name, values in query.lists():
        if any("\x00" in value for value in values):
            raise BadRequestError(f"'{name}' holds a character that is not text")
    if "id" in query and not _is_number(query["id"]):
        raise BadRequestError("'id' must be a page's number")
    if "site" in query:
        hostname, has_port, port = query["site"].partition(":")
        if has_port and not _is_number(port):
            raise BadRequestError("The port in 'site' must be a number")
        sites = Site.objects.filter(hostname=hostname)
        if has_port:
            sites = sites.filter(port=port)
        if not sites.exists():
            raise BadRequestError("'site' names no site here")


def _is_number(value: str) -> bool:
    return is_digits(value) and len(value) <= 18


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PublicPagesAPIViewSet)
