import datetime
import uuid

import pytest
from django.utils import timezone

from consultations.abuse import start_stamp
from consultations.factories import (
    ConsultationIndexPageFactory,
    ConsultationPageFactory,
)
from consultations.models import QuestionField

NOW = timezone.now()
DAY = datetime.timedelta(days=1)


def questions():
    return [
        QuestionField(
            label="Do you agree", field_type="radio", choices="Yes\nNo", required=True
        ),
        QuestionField(label="Why", field_type="multiline", required=False),
        QuestionField(
            label="Responding as",
            field_type="dropdown",
            choices="A resident\nA business",
            required=True,
        ),
        QuestionField(
            label="Topics",
            field_type="checkboxes",
            choices="Parks\nRoads",
            required=False,
        ),
        QuestionField(label="I consent", field_type="checkbox", required=True),
    ]


@pytest.fixture
def hub(home_page):
    return ConsultationIndexPageFactory(parent=home_page)


@pytest.fixture
def consultation(hub, settings):
    settings.CONSULTATION_MIN_FILL_SECONDS = 0
    return ConsultationPageFactory(
        parent=hub,
        title="Parks plan",
        opens_at=NOW - DAY,
        closes_at=NOW + 30 * DAY,
        form_fields=questions(),
    )


def answers(**overrides):
    data = {
        "do_you_agree": "Yes",
        "why": "Because the parks need it.",
        "responding_as": "A resident",
        "topics": ["Parks"],
        "i_consent": "on",
        "engage_token": str(uuid.uuid4()),
        "engage_started": start_stamp(),
        "engage_homepage": "",
        "engage_receipt_email": "",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}
