"""QUALITY PRIV-10: staff access to residents' responses is logged: each
view and export of a consultation's responses, and of its results, is in the
page's history with who and when."""

import pytest
from django.urls import reverse
from wagtail.models import PageLogEntry

from consultations.submissions import ConsultationResponse
from tests.staff import sign_in, staff

pytestmark = pytest.mark.django_db


ACCESS = [
    "consultations.view_responses",
    "consultations.export_responses",
    "consultations.view_results",
]


def entries(page):
    return list(
        PageLogEntry.objects.filter(page=page, action__in=ACCESS)
        .order_by("timestamp", "pk")
        .values_list("action", "user__username", "data")
    )


def test_each_view_and_export_of_responses_is_logged(
    admin_client, admin_user, consultation
):
    ConsultationResponse.objects.create(page=consultation, form_data={"why": "Parks"})
    listing = reverse("wagtailforms:list_submissions", args=(consultation.pk,))
    assert admin_client.get(listing).status_code == 200
    assert admin_client.get(listing + "?export=csv").status_code == 200
    results = reverse("consultations_results", args=(consultation.pk,))
    assert admin_client.get(results).status_code == 200
    assert entries(consultation) == [
        ("consultations.view_responses", admin_user.username, {}),
        ("consultations.export_responses", admin_user.username, {"format": "csv"}),
        ("consultations.view_results", admin_user.username, {}),
    ]
    history = admin_client.get(
        reverse("wagtailadmin_pages:history", args=(consultation.pk,))
    )
    assert "Responses exported" in history.text


def test_refused_staff_leave_no_access_entry(client, django_user_model, consultation):
    sign_in(client, staff(django_user_model, "clerk", "Democratic services"))
    listing = reverse("wagtailforms:list_submissions", args=(consultation.pk,))
    for url in (
        reverse("consultations_results", args=(consultation.pk,)),
        listing,
        listing + "?export=csv",
    ):
        assert client.get(url).status_code in (302, 403), url
    assert entries(consultation) == []
