"""Serving documents: Wagtail's own view, with `Cache-Control: private,
no-store` on any document not for everyone (QUALITY SEC-16), so that no
shared cache or proxy keeps it: one in a collection that restricts who may
view it, and any document served to someone signed in (staff may open papers
the public may not, such as part-two reports: committees.wagtail_hooks)."""

from django.utils.cache import patch_cache_control
from wagtail.documents import get_document_model
from wagtail.documents.views.serve import serve as wagtail_serve

from core.querysets import viewable_document


def serve(request, document_id, document_filename):
    response = wagtail_serve(request, document_id, document_filename)
    if response.status_code < 400 and not _for_everyone(request, document_id):
        patch_cache_control(response, private=True, no_store=True)
    return response


def _for_everyone(request, document_id) -> bool:
    if request.user.is_authenticated:
        return False
    document = get_document_model().objects.only("collection_id").get(pk=document_id)
    return viewable_document(document)
