"""Staff tools for one consultation: typing in offline responses, and the
results. Both need permission to edit that consultation, as its submissions
do in Wagtail; its equality figures and deleting its responses need
permission to publish it."""

from functools import wraps

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from wagtail.contrib.forms.views import DeleteSubmissionsView
from wagtail.models import Page

from core.forms import is_digits

from .access_log import (
    DELETE_RESPONSES_ACTION,
    VIEW_EQUALITY_ACTION,
    VIEW_RESULTS_ACTION,
    log_access,
)
from .admin_forms import OfflineEntryForm, question_form
from .equality_report import SMALLEST_SHOWN, equality_report
from .models import ConsultationPage
from .results import results_for
from .submissions import ConsultationResponse, new_reference

_REFERENCE_ATTEMPTS = 5


def _for(needed, may):
    """A decorator handing the view the consultation if `may(permissions)`
    (permission to do what `needed` says),
    or refusing with a 403. Not by raising PermissionDenied: Wagtail's admin
    would turn that into a redirect to the dashboard, which hides the refusal
    from scripts and from the tests."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, page_id):
            page = get_object_or_404(ConsultationPage, pk=page_id)
            if not may(page.permissions_for_user(request.user)):
                return TemplateResponse(
                    request,
                    "consultations/admin/forbidden.html",
                    {"page": page, "needed": needed},
                    status=403,
                )
            return view(request, page)

        return wrapper

    return decorator


for_editors = _for("edit", lambda permissions: permissions.can_edit())
# Equality answers are special category data (QUALITY PRIV-03): even added
# up, they are for those answerable for the consultation, not every editor.
for_publishers = _for("publish", lambda permissions: permissions.can_publish())


def _links(request, page) -> dict:
    links = {
        "edit_url": reverse("wagtailadmin_pages:edit", args=[page.pk]),
        "submissions_url": reverse("wagtailforms:list_submissions", args=[page.pk]),
        "offline_url": reverse("consultations_offline_response", args=[page.pk]),
        "results_url": reverse("consultations_results", args=[page.pk]),
    }
    if page.permissions_for_user(request.user).can_publish():
        links["equality_url"] = reverse("consultations_equality", args=[page.pk])
    return links


@for_editors
def offline_response(request, page):
    """Deliberately free of the public form's opening dates and abuse checks:
    letters arrive after closing, and staff are not robots."""
    data = request.POST if request.method == "POST" else None
    entry = OfflineEntryForm(data, prefix="entry")
    questions = question_form(page, request.user, data)
    if data is not None:
        entry_valid, questions_valid = entry.is_valid(), questions.is_valid()
        if questions_valid and not any(
            _answered(v) for v in questions.answers().values()
        ):
            questions.add_error(None, "Enter at least one answer from the response.")
            questions_valid = False
        if entry_valid and questions_valid:
            response = _store(page, entry, questions.answers())
            messages.success(
                request, f"Response saved with reference {response.reference}."
            )
            # Back to an empty form: staff usually have a pile to type in.
            return redirect("consultations_offline_response", page.pk)
    return TemplateResponse(
        request,
        "consultations/admin/offline_response.html",
        {"page": page, "entry": entry, "questions": questions, **_links(request, page)},
    )


def _answered(value) -> bool:
    return value not in (None, "", [], False)


def _store(page, entry, answers) -> ConsultationResponse:
    token = entry.cleaned_data["token"]
    for _ in range(_REFERENCE_ATTEMPTS):
        if existing := _existing(page, token):
            return existing
        try:
            with transaction.atomic():
                response = ConsultationResponse.objects.create(
                    page=page,
                    form_data=answers,
                    channel=entry.cleaned_data["channel"],
                    submission_token=token,
                    reference=new_reference(),
                )
                # submit_time is auto_now_add, so the date received can only
                # be set after the INSERT; same transaction, so never half-done.
                response.submit_time = entry.received_at()
                response.save(update_fields=["submit_time"])
        except IntegrityError:
            # The same form arrived twice at once (caught above on the next
            # turn), or, rarely, the random reference was taken.
            continue
        return response
    raise IntegrityError("Could not allocate a unique response reference")


def _existing(page, token):
    return ConsultationResponse.objects.filter(
        page=page, submission_token=token
    ).first()


@for_editors
def results(request, page):
    log_access(request, page, VIEW_RESULTS_ACTION)
    return TemplateResponse(
        request,
        "consultations/admin/results.html",
        {"page": page, "results": results_for(page), **_links(request, page)},
    )


@for_publishers
def equality_figures(request, page):
    log_access(request, page, VIEW_EQUALITY_ACTION)
    return TemplateResponse(
        request,
        "consultations/admin/equality.html",
        {
            "page": page,
            "report": equality_report(page),
            "smallest_shown": SMALLEST_SHOWN,
            **_links(request, page),
        },
    )


class DeleteResponsesView(DeleteSubmissionsView):
    """Wagtail's "delete submissions", for those who may publish the
    consultation only: Editors draft pages, and deleting residents' responses
    destroys part of the consultation's record."""

    def dispatch(self, request, *args, **kwargs):
        page = get_object_or_404(Page, id=kwargs.get("page_id")).specific
        if not page.permissions_for_user(request.user).can_publish():
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        # Wagtail passes the chosen ids straight to the database, where one
        # that is not a number fails: such an id chooses nothing.
        chosen = [
            value
            for value in self.request.GET.getlist("selected-submissions")
            if is_digits(value)
        ]
        return self.page.get_submissions().filter(id__in=chosen)

    def handle_delete(self, submissions):
        references = list(submissions.values_list("reference", flat=True))
        if not references:
            return super().handle_delete(submissions)
        with transaction.atomic():
            log_access(
                self.request,
                self.page,
                DELETE_RESPONSES_ACTION,
                responses=len(references),
                references=references,
            )
            super().handle_delete(submissions)
