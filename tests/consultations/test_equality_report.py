"""The equality figures of a consultation (QUALITY PRIV-03): totals only,
small counts withheld, for those who may publish the consultation."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.models import PageLogEntry

from consultations.equality import Sex
from consultations.equality_report import (
    FEWEST_PARTICIPANTS,
    breakdown,
    withheld_rows,
)
from consultations.submissions import (
    ConsultationResponse,
    EqualityAnswers,
    new_reference,
)
from tests.html import soup, text
from tests.queries import count_queries
from tests.staff import sign_in, staff

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)


def equality_url(page):
    return reverse("consultations_equality", args=[page.pk])


def respond(page, **equality):
    response = ConsultationResponse.objects.create(
        page=page, form_data={}, reference=new_reference()
    )
    if equality:
        EqualityAnswers.objects.create(response=response, **equality)
    return response


def table(document, question):
    heading = document.find("h2", string=question)
    rows = heading.find_parent("section").select("tbody tr")
    return {text(row.th): [text(cell) for cell in row.find_all("td")] for row in rows}


def test_no_count_below_five_is_shown():
    assert withheld_rows([12, 3, 0, 9]) >= {1}
    assert 2 not in withheld_rows([12, 3, 0, 9]), "a zero gives nobody away"
    assert withheld_rows([12, 30, 9]) == set()


def test_a_lone_small_count_takes_the_next_smallest_with_it():
    # With only the 3 withheld, the total would give it away.
    assert withheld_rows([12, 3, 0, 9]) == {1, 3}
    # Two small counts adding up to 5 or more hide each other.
    assert withheld_rows([12, 3, 2, 9]) == {1, 2}


def test_small_counts_adding_up_to_less_than_five_take_more_with_them():
    # Of 19, 17 shown: the two withheld add up to 2, so both would be 1.
    assert withheld_rows([1, 17, 1, 0]) == {0, 1, 2}
    assert withheld_rows([2, 2, 30, 8]) == {0, 1, 3}
    # Five 1s add up to 5, but five withheld counts of 5 people are all 1s.
    assert withheld_rows([1, 1, 1, 1, 1, 30]) == {0, 1, 2, 3, 4, 5}
    assert withheld_rows([1, 1, 1, 1, 1, 30, 9]) == {0, 1, 2, 3, 4, 6}


def test_a_breakdown_has_every_answer_and_those_who_left_it_blank():
    figures = breakdown(
        "What is your sex?", Sex.choices, {"female": 8, "male": 6, "": 6}, 20
    ).figures
    assert [(f.label, f.count, f.percent, f.withheld) for f in figures] == [
        ("Female", 8, 40, False),
        ("Male", 6, 30, False),
        ("Prefer not to say", 0, 0, False),
        ("Not answered", 6, 30, False),
    ]


def close(consultation):
    consultation.opens_at = timezone.now() - 20 * DAY
    consultation.closes_at = timezone.now() - DAY
    consultation.save_revision().publish()


def test_no_figures_while_the_consultation_takes_responses(admin_client, consultation):
    for _ in range(FEWEST_PARTICIPANTS):
        respond(consultation, sex="female")
    document = soup(admin_client.get(equality_url(consultation)))
    assert "no figures while the consultation is taking responses" in text(
        document.select_one(".nice-padding")
    )
    assert not document.select_one(".nice-padding").find("table")
    close(consultation)
    document = soup(admin_client.get(equality_url(consultation)))
    assert document.select_one(".nice-padding").find("table")


def test_moderators_see_the_figures_and_the_viewing_is_logged(
    client, django_user_model, consultation
):
    close(consultation)
    for _ in range(7):
        respond(consultation, sex="female", age_band="25_34")
    for _ in range(5):
        respond(consultation, sex="male")
    respond(consultation, sex="prefer_not_to_say", disability="yes")
    respond(consultation)  # answered none of them
    moderator = staff(django_user_model, "mo", "Moderators")
    sign_in(client, moderator)
    document = soup(client.get(equality_url(consultation)))
    assert text(document.find(id="equality-participants")).startswith(
        "13 of 14 respondents answered"
    )
    assert table(document, "What is your sex?") == {
        "Female": ["7", "54%"],
        # The lone 1 would show through the total: the 5 goes with it.
        "Male": ["Withheld", "Withheld"],
        "Prefer not to say": ["Withheld", "Withheld"],
        "Not answered": ["0", "0%"],
    }
    ages = table(document, "What is your age?")
    assert ages["25 to 34"] == ["7", "54%"]
    assert ages["Not answered"] == ["6", "46%"]
    entry = PageLogEntry.objects.get(action="consultations.view_equality_figures")
    assert entry.user_id == moderator.pk


def test_with_too_few_participants_there_are_no_figures(admin_client, consultation):
    close(consultation)
    for _ in range(FEWEST_PARTICIPANTS - 1):
        respond(consultation, sex="female")
    document = soup(admin_client.get(equality_url(consultation)))
    assert "no figures yet" in text(document.select_one(".nice-padding"))
    assert not document.select_one(".nice-padding").find("table")


def test_editors_may_not_see_the_figures_nor_are_offered_them(
    client, django_user_model, consultation
):
    sign_in(client, staff(django_user_model, "ed", "Editors"))
    response = client.get(equality_url(consultation))
    assert response.status_code == 403
    assert "can publish this consultation" in text(soup(response).select_one("main"))
    results = soup(client.get(reverse("consultations_results", args=[consultation.pk])))
    assert not results.find("a", string="Equality figures")


def test_anonymous_visitors_are_sent_to_log_in(client, consultation):
    response = client.get(equality_url(consultation))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("wagtailadmin_login"))


def test_the_figures_take_the_same_queries_for_any_number_of_responses(
    admin_client, consultation
):
    close(consultation)
    for _ in range(FEWEST_PARTICIPANTS):
        respond(consultation, sex="female")
    few = count_queries(admin_client, equality_url(consultation))
    for _ in range(40):
        respond(consultation, sex="male", ethnic_group="white")
    assert count_queries(admin_client, equality_url(consultation)) == few
