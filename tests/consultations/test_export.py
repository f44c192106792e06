import csv
import io

import pytest
from django.db.models.query import QuerySet

from consultations import exports
from consultations.submissions import ConsultationResponse

pytestmark = pytest.mark.django_db


def test_csv_export_streams_every_response_without_caching_them(
    admin_client, consultation, monkeypatch
):
    ConsultationResponse.objects.bulk_create(
        ConsultationResponse(page=consultation, form_data={"why": f"Reason {n}"})
        for n in range(25)
    )
    monkeypatch.setattr(exports, "EXPORT_CHUNK", 10)
    evaluated = []
    original = QuerySet._fetch_all

    def record_full_fetch(queryset):
        if queryset.model is ConsultationResponse:
            evaluated.append(queryset)
        return original(queryset)

    monkeypatch.setattr(QuerySet, "_fetch_all", record_full_fetch)
    response = admin_client.get(
        f"/admin/forms/submissions/{consultation.pk}/?export=csv"
    )
    rows = list(
        csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode()))
    )
    assert len(rows) == 25
    assert {row["Why"] for row in rows} == {f"Reason {n}" for n in range(25)}
    assert rows[0]["Reference"].startswith("HYS-")
    assert evaluated == [], "the export loaded the whole queryset into memory"


def test_the_responses_list_links_to_results_and_offline_entry(
    admin_client, consultation
):
    html = admin_client.get(
        f"/admin/forms/submissions/{consultation.pk}/"
    ).content.decode()
    assert f"/admin/consultations/{consultation.pk}/results/" in html
    assert f"/admin/consultations/{consultation.pk}/offline-response/" in html
