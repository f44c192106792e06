"""The admin dashboard's list of closed consultations still owing residents
their outcome ("We asked, you said, we did"), due 12 weeks after closing."""

import pytest

from consultations.factories import ConsultationPageFactory
from tests.consultations.conftest import DAY, NOW
from tests.html import soup, text
from tests.staff import sign_in, staff

pytestmark = pytest.mark.django_db


def panel_rows(client):
    panel = soup(client.get("/admin/")).select_one("#outcomes-due-section")
    if panel is None:
        return None
    return {
        text(row.th): [text(cell) for cell in row.find_all("td")]
        for row in panel.select("tbody tr")
    }


@pytest.fixture
def consultations(hub):
    ConsultationPageFactory(
        parent=hub,
        title="Bus routes",
        opens_at=NOW - 200 * DAY,
        closes_at=NOW - 100 * DAY,
    )
    ConsultationPageFactory(
        parent=hub,
        title="Library hours",
        opens_at=NOW - 60 * DAY,
        closes_at=NOW - 20 * DAY,
        we_did="<p>Opening on Sundays.</p>",
        outcome_published_at=NOW + 5 * DAY,
    )
    ConsultationPageFactory(
        parent=hub,
        title="Parks plan",
        opens_at=NOW - 60 * DAY,
        closes_at=NOW - 30 * DAY,
        we_did="<p>Done.</p>",
        outcome_published_at=NOW - DAY,
    )
    ConsultationPageFactory(
        parent=hub, title="Still open", opens_at=NOW - DAY, closes_at=NOW + DAY
    )


def test_editors_see_what_is_owed_longest_waiting_first(
    client, django_user_model, consultations
):
    sign_in(client, staff(django_user_model, "ed", "Editors"))
    rows = panel_rows(client)
    assert list(rows) == ["Bus routes", "Library hours"]
    assert rows["Bus routes"][1].startswith("Overdue: ")
    assert not rows["Library hours"][1].startswith("Overdue")
    assert rows["Library hours"][2].startswith("To be published")
    page = soup(client.get("/admin/")).select_one("#outcomes-due-section")
    assert "1 is overdue." in text(page)


def test_staff_who_cannot_edit_consultations_are_not_shown_it(
    client, django_user_model, consultations
):
    sign_in(client, staff(django_user_model, "ds", "Democratic services"))
    assert panel_rows(client) is None


def test_with_nothing_owed_there_is_no_panel(client, django_user_model, hub):
    sign_in(client, staff(django_user_model, "ed", "Editors"))
    assert panel_rows(client) is None
