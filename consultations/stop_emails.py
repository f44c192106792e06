"""Stopping the emails a resident asked for, as easily as they asked
(UK GDPR article 7(3)): every notice carries a link of its own, signed so
that nobody can stop another's emails by guessing. The link shows a button
rather than acting at once, as mail scanners open links."""

from django.core import signing
from django.db import transaction
from django.http import Http404
from django.template.response import TemplateResponse
from django.utils.crypto import constant_time_compare

from .submissions import ConsultationResponse, ProgressNotice

# The signature alone, in its own path segment: Wagtail serves only paths of
# letters, digits, "-" and "_", so not a signed value's ":" separators.
_signer = signing.Signer(salt="consultations.stop-emails")


def stop_emails_url(response, consultation) -> str:
    signature = _signer.signature(response.reference)
    return consultation.full_url + consultation.reverse_subpage(
        "stop_emails", args=(response.reference, signature)
    )


def _response_for(reference, signature, consultation):
    if not constant_time_compare(_signer.signature(reference), signature):
        raise Http404("No such link")
    response = ConsultationResponse.objects.filter(
        page=consultation, reference=reference
    ).first()
    if response is None:
        raise Http404("No such response")  # since erased
    return response


def stop_emails_view(request, consultation, reference, signature):
    response = _response_for(reference, signature, consultation)
    stopped = request.method == "POST"
    if stopped:
        with transaction.atomic():
            ConsultationResponse.objects.filter(pk=response.pk).update(
                outcome_notice_wanted=False, progress_notices_wanted=False
            )
            ProgressNotice.objects.filter(
                response=response, sent_at__isnull=True
            ).delete()
    return TemplateResponse(
        request,
        "consultations/stop_emails.html",
        {
            **consultation.get_context(request),
            "reference": response.reference,
            "stopped": stopped,
        },
    )
