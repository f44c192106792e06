"""Taking a resident's response: every way a POST can end, in one place.

A valid response is stored exactly once (a retried or double-clicked form
carries the same one-time token), or refused with a message and the answers
kept on screen. Nothing is half-stored: one INSERT in one transaction."""

import logging
import uuid
from functools import partial

from django.core import signing
from django.db import IntegrityError, transaction
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils import timezone

from . import abuse
from .enums import ConsultationStatus, ResponseChannel
from .forms import HONEYPOT, NOTIFY_OUTCOME, RECEIPT_EMAIL, STARTED, TOKEN
from .receipts import send_receipt
from .submissions import ConsultationResponse, EqualityAnswers, new_reference

logger = logging.getLogger(__name__)

_REFERENCE_SALT = "consultations.response-reference"
_REFERENCE_ATTEMPTS = 5


class ResponseIntake:
    def __init__(self, page, request):
        self.page = page
        self.request = request
        # When a response arrived: the page shown back is as of then, so a
        # form refused in the last instant before closing still shows.
        self.received_at = None

    # Views ---------------------------------------------------------------------

    def handle(self, preview=False):
        if self.request.method == "POST" and not preview:
            return self._receive()
        return self._render(self._blank_form())

    def confirmation(self):
        signed = self.request.GET.get("ref", "")
        try:
            reference = signing.loads(signed, salt=_REFERENCE_SALT)
        except signing.BadSignature as error:
            raise Http404("No such response") from error
        return TemplateResponse(
            self.request,
            "consultations/response_confirmation.html",
            {**self.page.get_context(self.request), "reference": reference},
        )

    # Receiving -----------------------------------------------------------------

    def _receive(self):
        self.received_at = timezone.now()
        if self.page.status_at(self.received_at) != ConsultationStatus.OPEN:
            return self._render(None, refusal="not_open", status=409)
        if abuse.honeypot_filled(self.request.POST.get(HONEYPOT)):
            logger.warning(
                "Dropped a response to page %s: honeypot filled", self.page.pk
            )
            return self._confirm(reference=None)
        form = self.page.get_form(
            self.request.POST, page=self.page, user=self.request.user
        )
        if not form.is_valid():
            return self._render(form)
        if abuse.filled_too_fast(form.cleaned_data.get(STARTED)):
            logger.warning(
                "Held back a response to page %s: filled too fast", self.page.pk
            )
            return self._render(self._resubmittable(form), refusal="too_fast")
        if not abuse.within_rate_limit(self.request):
            logger.warning("Rate-limited a response to page %s", self.page.pk)
            return self._render(
                self._resubmittable(form), refusal="rate_limited", status=429
            )
        response = self.store(form)
        return self._confirm(reference=response.reference)

    def store(self, form) -> ConsultationResponse:
        """Stores the response, or returns the one already stored from the
        same form. A form arriving again is rare, so it is not looked for
        first: the unique form token refuses the second INSERT, whether the
        first was stored long ago or is being stored at this moment."""
        token = form.cleaned_data.get(TOKEN)
        for _ in range(_REFERENCE_ATTEMPTS):
            try:
                with transaction.atomic():
                    response = ConsultationResponse.objects.create(
                        page=self.page,
                        form_data=form.answers(),
                        channel=ResponseChannel.ONLINE,
                        submission_token=token,
                        receipt_email=form.cleaned_data.get(RECEIPT_EMAIL) or "",
                        outcome_notice_wanted=bool(
                            form.cleaned_data.get(NOTIFY_OUTCOME)
                        ),
                        progress_notices_wanted=bool(
                            form.cleaned_data.get(NOTIFY_OUTCOME)
                        ),
                        reference=new_reference(),
                    )
                    if answers := form.equality_answers():
                        EqualityAnswers.objects.create(response=response, **answers)
            except IntegrityError:
                # Either the same form arrived twice at once, or (rarely) the
                # random reference was taken: the first keeps, the second retries.
                if token and (existing := self._existing(token)):
                    return existing
                continue
            if response.receipt_email:
                transaction.on_commit(partial(send_receipt, response))
            return response
        raise IntegrityError("Could not allocate a unique response reference")

    def _existing(self, token):
        return ConsultationResponse.objects.filter(
            page=self.page, submission_token=token
        ).first()

    # Rendering -----------------------------------------------------------------

    def _blank_form(self):
        return self.page.get_form(
            page=self.page,
            user=self.request.user,
            initial={TOKEN: uuid.uuid4(), STARTED: abuse.start_stamp()},
        )

    def _resubmittable(self, form):
        """The same answers, ready to send again with a fresh start time."""
        data = self.request.POST.copy()
        data[STARTED] = abuse.start_stamp()
        resubmit = self.page.get_form(data, page=self.page, user=self.request.user)
        resubmit.is_valid()
        return resubmit

    def _render(self, form, refusal=None, status=200):
        context = self.page.get_context(self.request, moment=self.received_at)
        context.update(form=form, refusal=refusal)
        return TemplateResponse(
            self.request, self.page.get_template(self.request), context, status=status
        )

    def _confirm(self, reference):
        signed = signing.dumps(reference, salt=_REFERENCE_SALT)
        url = self.page.url + self.page.reverse_subpage("confirmation")
        return HttpResponseRedirect(f"{url}?ref={signed}")
