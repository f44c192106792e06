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
from wagtail.api.v2.views import PagesAPIViewSet

from committees.querysets import open_pages


class PublicPagesAPIViewSet(PagesAPIViewSet):
    renderer_classes = [JSONRenderer]
    # No logins through the API: it is the same for everyone.
    authentication_classes = []
    permission_classes = [AllowAny]

    def get_base_queryset(self):
        # Also the queryset of the detail view (get_object) and of `find`:
        # a page left out here answers 404 there.
        # One `pk IN (...)` filter: the search backend takes no other kind.
        return super().get_base_queryset().filter(pk__in=open_pages().values("pk"))


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PublicPagesAPIViewSet)
