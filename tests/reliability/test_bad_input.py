"""Property-based tests (hypothesis) of what anyone can send: generated query
strings to every public URL, generated answers to a consultation's response
form. Never a 500; a response is stored with a confirmation or refused with a
GOV.UK error message; over-long answers, control characters and bytes that
are not UTF-8 get a message that says what is wrong.

The demo content is built once for the module, inside a transaction that is
rolled back at the end; each test adds its own savepoint."""

import io
import uuid
from collections import Counter
from urllib.parse import quote_from_bytes, urlencode

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from consultations.abuse import start_stamp
from consultations.demo import communities_questions
from consultations.factories import ConsultationPageFactory
from consultations.forms import UNREADABLE_MESSAGE
from consultations.models import ConsultationIndexPage, ConsultationPage
from consultations.submissions import ConsultationResponse
from tests.demo_pages import PAGE_TYPES
from tests.production.test_stack import restore_wagtail_roots

pytestmark = pytest.mark.django_db

# At least 2,000 cases in all (issue #7).
QUERY_CASES = 1_100
FORM_CASES = 500
BAD_ANSWER_CASES = 400
# Counted here, printed at the end of the run (conftest.py).
CASES = Counter()


@pytest.fixture(autouse=True)
def report_cases(request):
    """Each test's generated cases travel with its report, so the summary
    (conftest.py) can add them up across pytest-xdist's processes."""
    before = Counter(CASES)
    yield
    request.node.user_properties.append(("generated cases", dict(CASES - before)))


PROPERTY_SETTINGS = {
    "deadline": None,
    # Examples share the module's demo content and the test's client.
    "suppress_health_check": [
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
    # Nothing written to the working tree; a failure prints its example.
    "database": None,
}

PATHS = sorted(
    {path.split("?")[0] for path in PAGE_TYPES.values()}
    | {
        "/have-your-say/feed/",
        "/meetings-and-decisions/decisions/feed/",
        "/meetings-and-decisions/decisions/csv/",
        "/meetings-and-decisions/actions/csv/",
        "/meetings-and-decisions/calendar/",
        "/meetings-and-decisions/health-and-wellbeing-board/calendar/",
        f"{PAGE_TYPES['consultation']}response/",
        "/api/ocd/organizations/",
        "/api/ocd/events/",
        "/api/ocd/resolutions/",
        "/api/ocd/votes/",
        "/api/ocd/actions/",
        "/api/v2/pages/",
        "/api/v2/pages/find/",
        "/sitemap.xml",
        "/robots.txt",
        "/health/",
    }
)
PARAMETERS = [
    *("q", "page", "per_page", "status", "tag", "type", "committee"),
    *("date_from", "date_to", "overdue", "ref", "fields", "order", "limit"),
    *("offset", "search", "child_of", "format", "site", "id", "html_path", "locale"),
]

control_characters = st.characters(max_codepoint=0x9F, categories=["Cc"])
values = st.one_of(
    st.text(max_size=40),
    st.text(alphabet=control_characters, max_size=10),
    st.integers(0, 3_000).map(lambda n: "x" * n),
    st.integers(-(10**20), 10**20).map(str),
    st.sampled_from(["", "0", "-1", "NaN", "open", "2026-02-31", "31/02/2026", "%"]),
)
encoded_query = st.lists(
    st.tuples(st.one_of(st.sampled_from(PARAMETERS), st.text(max_size=8)), values),
    max_size=4,
).map(urlencode)
percent_bytes = st.binary(max_size=100).map(lambda b: quote_from_bytes(b, safe=""))
# WSGI gives the query string as bytes decoded as Latin-1: any byte can arrive.
raw_bytes = st.binary(max_size=200).map(lambda b: b.decode("latin-1"))
query_strings = st.one_of(
    encoded_query,
    percent_bytes,
    percent_bytes.map(lambda q: f"q={q}"),
    st.tuples(st.sampled_from(PARAMETERS), percent_bytes).map("=".join),
    raw_bytes,
)


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo site, and beside its consultations one with the demo's
    questions and a short page, so each generated response costs little."""
    with django_db_blocker.unblock(), transaction.atomic():
        restore_wagtail_roots()
        call_command("load_demo_content", stdout=io.StringIO())
        page = ConsultationPageFactory(
            parent=ConsultationIndexPage.objects.get(),
            title="Generated responses",
            form_fields=communities_questions(),
            ask_equality_questions=True,
        )
        yield page.pk
        transaction.set_rollback(True)


@pytest.fixture
def consultation(demo, settings):
    # Examples arrive at once and from one address.
    settings.CONSULTATION_MIN_FILL_SECONDS = 0
    settings.CONSULTATION_RATE_LIMIT = 1_000_000
    page = ConsultationPage.objects.get(pk=demo)
    assert page.status_at(timezone.now()) == "open"
    return page


def text_questions(page):
    return {
        field.clean_name: field
        for field in page.form_fields.all()
        if field.field_type in ("singleline", "multiline")
    }


def valid_answers(page) -> dict:
    """A complete, valid response to the page's form, as bytes."""
    data = {}
    for field in page.form_fields.all():
        choices = [c.strip() for c in field.choices.splitlines() if c.strip()]
        if field.field_type == "checkbox":
            value = "on"
        elif choices:
            value = choices[0]
        else:
            value = "An answer"
        data[field.clean_name] = value
    data |= {
        "engage_token": str(uuid.uuid4()),
        "engage_started": start_stamp(),
        "engage_homepage": "",
        "engage_receipt_email": "",
        "engage_eq_age_band": "25_34",
    }
    return {name: value.encode() for name, value in data.items()}


def form_body(data: dict) -> bytes:
    return b"&".join(
        quote_from_bytes(name.encode(), safe="").encode()
        + b"="
        + quote_from_bytes(value, safe="").encode()
        for name, value in data.items()
    )


def post(client, page, data):
    return client.post(
        page.url, form_body(data), content_type="application/x-www-form-urlencoded"
    )


def stored_token(token: str) -> bool:
    try:
        token = uuid.UUID(token.strip())
    except ValueError:
        return False
    return ConsultationResponse.objects.filter(submission_token=token).exists()


def error_messages(response) -> list[str]:
    summary = BeautifulSoup(response.content, "lxml").select_one(".govuk-error-summary")
    return (
        [li.get_text(" ", strip=True) for li in summary.select("li")] if summary else []
    )


@settings(max_examples=QUERY_CASES, **PROPERTY_SETTINGS)
@given(path=st.sampled_from(PATHS), query=query_strings)
def test_no_query_string_makes_a_public_url_fail(demo, client, path, query):
    CASES["query strings"] += 1
    response = client.get(path, QUERY_STRING=query)
    assert response.status_code < 500, (path, query, response.status_code)


answer_values = st.one_of(
    st.text(max_size=60).map(str.encode),
    st.text(alphabet=control_characters, min_size=1, max_size=5).map(str.encode),
    st.integers(0, 12_000).map(lambda n: b"y" * n),
    st.binary(max_size=60),
    st.sampled_from([b"", b"on", b"Yes", b"A resident", b"prefer_not_to_say"]),
)


@settings(max_examples=FORM_CASES, **PROPERTY_SETTINGS)
@given(data=st.data())
def test_any_response_is_stored_with_a_confirmation_or_refused_with_a_message(
    consultation, client, data
):
    CASES["response forms"] += 1
    answers = valid_answers(consultation)
    # Any of the fields may be replaced, dropped or joined by strangers.
    for name in data.draw(st.lists(st.sampled_from(sorted(answers)), unique=True)):
        if data.draw(st.booleans()):
            answers[name] = data.draw(answer_values)
        else:
            del answers[name]
    answers |= data.draw(
        st.dictionaries(st.text(max_size=10), answer_values, max_size=2)
    )
    token = answers.get("engage_token", b"").decode("utf-8", "replace")
    before = ConsultationResponse.objects.count()

    response = post(client, consultation, answers)

    stored = ConsultationResponse.objects.count() - before
    assert response.status_code in (200, 302), response.status_code
    if response.status_code == 302:
        assert "response/?ref=" in response["Location"]
        assert client.get(response["Location"]).status_code == 200
        silently_dropped = answers.get("engage_homepage", b"").strip()
        repeated = stored == 0 and stored_token(token)
        assert stored == 1 or silently_dropped or repeated
    else:
        assert stored == 0
        banner = BeautifulSoup(response.content, "lxml").select_one(
            ".govuk-notification-banner"
        )
        assert error_messages(response) or banner, "refused without a message"


def with_control_character(text: str, character: str) -> bytes:
    # Letters around it: a control character at either end could be
    # whitespace that the form strips.
    return f"a{text}{character}{text}z".encode()


bad_texts = st.one_of(
    st.builds(
        lambda text, character: ("control", with_control_character(text, character)),
        st.text(alphabet="abc \t\n", max_size=5),
        control_characters.filter(lambda c: c not in "\t\n\r"),
    ),
    st.builds(
        lambda before, after: ("not UTF-8", b"a" + before + b"\xff" + after + b"z"),
        st.binary(max_size=8),
        st.binary(max_size=8),
    ),
    st.integers(1, 300).map(lambda extra: ("too long", extra)),
)


@settings(max_examples=BAD_ANSWER_CASES, **PROPERTY_SETTINGS)
@given(question=st.sampled_from(["postcode", "multiline"]), bad=bad_texts)
def test_unreadable_and_over_long_answers_get_a_clear_message(
    consultation, client, question, bad
):
    CASES["bad answers"] += 1
    questions = text_questions(consultation)
    field = next(
        f
        for f in questions.values()
        if (f.field_type == "multiline") == (question == "multiline")
    )
    limit = 10_000 if field.field_type == "multiline" else 255
    kind, value = bad
    if kind == "too long":
        value = b"w" * (limit + value)
    answers = valid_answers(consultation) | {field.clean_name: value}

    response = post(client, consultation, answers)

    assert response.status_code == 200
    token = answers["engage_token"].decode()
    assert not ConsultationResponse.objects.filter(submission_token=token).exists()
    expected = (
        f"“{field.label}” must be {limit} characters or fewer"
        if kind == "too long"
        else UNREADABLE_MESSAGE.format(label=field.label)
    )
    assert expected in error_messages(response), (kind, value[:80])
