import datetime
from zoneinfo import ZoneInfo

import pytest
from freezegun import freeze_time

from consultations.enums import ConsultationStatus
from consultations.factories import ConsultationPageFactory
from consultations.models import ConsultationPage

LONDON = ZoneInfo("Europe/London")
UTC = datetime.UTC
# Clocks go forward at 01:00 GMT on Sunday 28 March 2027.
OPENS = datetime.datetime(2027, 1, 4, 9, 0, tzinfo=LONDON)
CLOSES = datetime.datetime(2027, 3, 28, 23, 59, tzinfo=LONDON)
OUTCOME = datetime.datetime(2027, 6, 1, 10, 0, tzinfo=LONDON)
SECOND = datetime.timedelta(seconds=1)


@pytest.fixture
def consultation(hub):
    return ConsultationPageFactory(
        parent=hub,
        opens_at=OPENS,
        closes_at=CLOSES,
        outcome_published_at=OUTCOME,
        we_did="<p>We did it.</p>",
    )


MOMENTS = [
    (OPENS - SECOND, ConsultationStatus.FORTHCOMING),
    (OPENS, ConsultationStatus.OPEN),
    # 23:58:59 BST is 22:58:59 UTC, after the clocks went forward that morning.
    (datetime.datetime(2027, 3, 28, 22, 58, 59, tzinfo=UTC), ConsultationStatus.OPEN),
    (CLOSES - SECOND, ConsultationStatus.OPEN),
    (CLOSES, ConsultationStatus.CLOSED),
    (datetime.datetime(2027, 3, 28, 22, 59, tzinfo=UTC), ConsultationStatus.CLOSED),
    (OUTCOME - SECOND, ConsultationStatus.CLOSED),
    (OUTCOME, ConsultationStatus.OUTCOME_PUBLISHED),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("moment", "expected"), MOMENTS)
def test_status_at_the_exact_instants_in_python_and_sql(consultation, moment, expected):
    assert consultation.status_at(moment) == expected
    in_sql = {
        status
        for status in ConsultationStatus
        if ConsultationPage.objects.with_status(status, moment).filter(
            pk=consultation.pk
        )
    }
    assert in_sql == {expected}


@pytest.mark.django_db
def test_page_shows_the_status_of_the_moment(client, consultation):
    with freeze_time(CLOSES - SECOND):
        assert "Open" in client.get(consultation.url).content.decode()
    with freeze_time(CLOSES):
        html = client.get(consultation.url).content.decode()
        assert "This consultation closed at 11:59pm on Sunday 28 March 2027" in html


@pytest.mark.django_db
def test_closing_before_opening_is_refused(hub):
    page = ConsultationPageFactory.build(opens_at=CLOSES, closes_at=OPENS)
    with pytest.raises(Exception, match="closing date must be after"):
        page.full_clean()


@pytest.mark.django_db
def test_an_outcome_needs_a_we_did_and_a_date_after_closing():
    page = ConsultationPageFactory.build(
        opens_at=OPENS, closes_at=CLOSES, outcome_published_at=OPENS, we_did=""
    )
    with pytest.raises(Exception) as error:
        page.full_clean()
    assert "outcome_published_at" in str(error.value)
    assert "we_did" in str(error.value)
