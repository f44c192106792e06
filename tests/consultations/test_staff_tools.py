"""Staff side of "Have your say": offline responses typed in by staff, the
results per consultation, and the response counts on the public outcome."""

import uuid
from types import SimpleNamespace

import pytest
from django.contrib.auth.models import Permission
from django.db import transaction
from django.db.models import ProtectedError
from django.urls import reverse
from django.utils import timezone
from wagtail.models import PageLogEntry

from consultations.models import ConsultationPage
from consultations.results import tally
from consultations.submissions import ConsultationResponse, new_reference
from consultations.templatetags.consultation_tags import response_counts
from tests.consultations.conftest import DAY, NOW
from tests.html import soup, text
from tests.queries import count_queries
from tests.staff import sign_in, staff

pytestmark = pytest.mark.django_db

RECEIVED = (NOW - 2 * DAY).astimezone(timezone.get_current_timezone()).date()


def offline_url(page):
    return reverse("consultations_offline_response", args=[page.pk])


def results_url(page):
    return reverse("consultations_results", args=[page.pk])


def postal(**overrides):
    data = {
        "entry-channel": "post",
        "entry-received_on": RECEIVED.isoformat(),
        "entry-token": str(uuid.uuid4()),
        "do_you_agree": "No",
        "why": "Written in biro.",
        "responding_as": "A business",
        "topics": ["Parks", "Roads"],
        "i_consent": "on",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def respond(page, channel="online", **answers):
    return ConsultationResponse(
        page=page, form_data=answers, channel=channel, reference=new_reference()
    )


@pytest.fixture
def admin_only(django_user_model):
    """Can use the admin, has no permission on any page."""
    user = django_user_model.objects.create_user("clerk", password="not-real-1")
    user.user_permissions.add(
        Permission.objects.get(
            content_type__app_label="wagtailadmin", codename="access_admin"
        )
    )
    return user


@pytest.fixture
def editor(django_user_model):
    return staff(django_user_model, "ed", "Editors")


# Offline responses ---------------------------------------------------------


def test_staff_enter_a_postal_response_and_see_its_reference(
    admin_client, consultation
):
    form = admin_client.get(offline_url(consultation))
    assert form.status_code == 200
    document = soup(form)
    # Only the consultation's questions: none of the public form's own fields.
    assert document.find(attrs={"name": "do_you_agree"})
    assert not document.find(attrs={"name": "engage_receipt_email"})
    assert not document.find(attrs={"name": "engage_homepage"})
    online = [o["value"] for o in document.select("[name=entry-channel] option")]
    assert online == ["", "email", "post", "event", "phone"]

    response = admin_client.post(offline_url(consultation), postal(), follow=True)

    stored = ConsultationResponse.objects.get()
    assert stored.page_id == consultation.pk
    assert stored.channel == "post"
    assert stored.form_data == {
        "do_you_agree": "No",
        "why": "Written in biro.",
        "responding_as": "A business",
        "topics": ["Parks", "Roads"],
        "i_consent": True,
    }
    assert timezone.localtime(stored.submit_time).date() == RECEIVED
    assert stored.reference in text(soup(response).select_one(".messages"))


def test_a_double_click_stores_one_response(admin_client, consultation):
    form = soup(admin_client.get(offline_url(consultation)))
    token = form.find("input", attrs={"name": "entry-token"})["value"]
    first = admin_client.post(
        offline_url(consultation), postal(**{"entry-token": token})
    )
    again = admin_client.post(
        offline_url(consultation), postal(**{"entry-token": token}), follow=True
    )
    assert first.status_code == 302
    stored = ConsultationResponse.objects.get()
    assert stored.reference in text(soup(again).select_one(".messages"))


def test_an_editor_of_the_consultation_may_enter_responses(
    client, editor, consultation
):
    sign_in(client, editor)
    response = client.post(offline_url(consultation), postal())
    assert response.status_code == 302
    assert ConsultationResponse.objects.filter(channel="post").count() == 1


@pytest.mark.parametrize("url", [offline_url, results_url])
def test_anonymous_visitors_are_sent_to_log_in(client, consultation, url):
    response = client.get(url(consultation))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("wagtailadmin_login"))


@pytest.mark.parametrize("url", [offline_url, results_url])
def test_staff_without_permission_on_the_page_are_refused(
    client, admin_only, consultation, url
):
    sign_in(client, admin_only)
    assert client.get(url(consultation)).status_code == 403
    assert client.post(offline_url(consultation), postal()).status_code == 403
    assert not ConsultationResponse.objects.exists()


def test_a_closed_consultation_still_takes_staff_entries(admin_client, consultation):
    ConsultationPage.objects.filter(pk=consultation.pk).update(
        opens_at=NOW - 60 * DAY, closes_at=NOW - 30 * DAY
    )
    response = admin_client.post(offline_url(consultation), postal())
    assert response.status_code == 302
    assert ConsultationResponse.objects.get().channel == "post"


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"entry-channel": None}, "entry-channel"),
        ({"entry-channel": "online"}, "entry-channel"),
        ({"entry-received_on": "2 Febtember"}, "entry-received_on"),
        (
            {"entry-received_on": (timezone.localdate() + DAY).isoformat()},
            "entry-received_on",
        ),
        ({"do_you_agree": "Perhaps"}, "do_you_agree"),
    ],
)
def test_an_invalid_entry_shows_errors_and_stores_nothing(
    admin_client, consultation, overrides, field
):
    response = admin_client.post(offline_url(consultation), postal(**overrides))
    assert response.status_code == 200
    assert not ConsultationResponse.objects.exists()
    document = soup(response)
    assert text(document.title).startswith("Error: ")
    control = document.find(attrs={"name": field})
    assert control.find_parent(class_="w-field--error"), f"{field} not marked"
    # What was typed stays on screen.
    assert document.find("textarea", attrs={"name": "why"}).text.strip() == (
        "Written in biro."
    )


def test_an_entry_with_no_answers_at_all_is_refused(admin_client, consultation):
    blank = postal(
        do_you_agree=None, why=None, responding_as=None, topics=None, i_consent=None
    )
    response = admin_client.post(offline_url(consultation), blank)
    assert response.status_code == 200
    assert not ConsultationResponse.objects.exists()
    assert "Enter at least one answer" in text(soup(response))


def test_a_paper_response_may_leave_questions_blank(admin_client, consultation):
    response = admin_client.post(
        offline_url(consultation), postal(do_you_agree=None, i_consent=None)
    )
    assert response.status_code == 302
    stored = ConsultationResponse.objects.get().form_data
    assert stored["do_you_agree"] == ""
    assert stored["i_consent"] is False


# tally() ---------------------------------------------------------------------


def question(label, field_type, choices=""):
    return SimpleNamespace(
        label=label,
        clean_name=label.lower().replace(" ", "_"),
        field_type=field_type,
        choices=choices,
    )


def figures(result):
    return [(o.label, o.count, o.percent) for o in result.options]


def test_tally_of_no_responses_is_all_zeros():
    [agree, why, topics, consent] = tally(
        [
            question("Agree", "radio", "Yes\nNo"),
            question("Why", "multiline"),
            question("Topics", "checkboxes", "Parks, Roads"),
            question("Consent", "checkbox"),
        ],
        [],
    )
    assert agree.answered == 0
    assert figures(agree) == [("Yes", 0, 0), ("No", 0, 0)]
    assert [o.share for o in agree.options] == [0.0, 0.0]
    assert (why.answered, why.is_choice) == (0, False)
    assert figures(topics) == [("Parks", 0, 0), ("Roads", 0, 0)]
    assert figures(consent) == [("Ticked", 0, 0), ("Not ticked", 0, 0)]


def test_tally_counts_each_option_of_those_who_answered():
    rows = [
        {"agree": "Yes"},
        {"agree": "Yes"},
        {"agree": "No"},
        {"agree": ""},  # left blank: not in the percentages
        {},  # answered before the question was added
    ]
    [agree] = tally([question("Agree", "dropdown", "Yes\nNo")], rows)
    assert agree.answered == 3
    assert figures(agree) == [("Yes", 2, 67), ("No", 1, 33)]


def test_tally_counts_every_box_ticked_in_a_checkbox_list():
    rows = [
        {"topics": ["Parks", "Roads"]},
        {"topics": ["Roads"]},
        {"topics": ["Roads", "Roads"]},  # a repeat counts once
        {"topics": []},
    ]
    [topics] = tally([question("Topics", "checkboxes", "Parks\nRoads")], rows)
    assert topics.multiple
    assert topics.answered == 3
    assert figures(topics) == [("Parks", 1, 33), ("Roads", 3, 100)]


def test_tally_of_a_single_checkbox_counts_ticked_and_not():
    rows = [{"consent": True}] * 7 + [{"consent": False}]
    [consent] = tally([question("Consent", "checkbox")], rows)
    # 7 of 8 is 87.5%: rounded half up, as people round.
    assert figures(consent) == [("Ticked", 7, 88), ("Not ticked", 1, 13)]


def test_tally_keeps_answers_to_options_since_removed():
    rows = [{"agree": "Yes"}, {"agree": "Maybe"}]
    [agree] = tally([question("Agree", "radio", "Yes\nNo")], rows)
    assert figures(agree) == [("Yes", 1, 50), ("No", 0, 0), ("Maybe", 1, 50)]
    assert [o.retired for o in agree.options] == [False, False, True]


def test_tally_counts_free_text_answers_and_skips_hidden_fields():
    rows = [{"why": "Because"}, {"why": ""}, {"why": "So"}, {"age": 0}]
    results = tally(
        [
            question("Why", "multiline"),
            question("Age", "number"),
            question("Src", "hidden"),
        ],
        iter(rows),  # read once, as from a streaming cursor
    )
    assert [(r.label, r.answered, r.is_choice) for r in results] == [
        ("Why", 2, False),
        ("Age", 1, False),
    ]


# The results view ------------------------------------------------------------


def table_rows(table):
    return [
        [text(cell) for cell in row.find_all(["th", "td"])]
        for row in table.select("tbody tr")
    ]


def test_results_show_counts_by_channel_and_per_option(admin_client, consultation):
    ConsultationResponse.objects.bulk_create(
        [
            respond(consultation, do_you_agree="Yes", topics=["Parks"], why="x"),
            respond(consultation, do_you_agree="Yes", topics=["Parks", "Roads"]),
            respond(consultation, do_you_agree="No", topics=[], why=""),
            respond(consultation, "post", do_you_agree="Yes", i_consent=True),
            respond(consultation, "event", do_you_agree="", responding_as="A business"),
        ]
    )
    response = admin_client.get(results_url(consultation))
    assert response.status_code == 200
    document = soup(response)

    assert table_rows(document.find(id="channel-counts")) == [
        ["Online", "3"],
        ["Email", "0"],
        ["Post", "1"],
        ["Event or meeting", "1"],
        ["Phone", "0"],
    ]
    assert text(document.select_one("#channel-counts tfoot")) == "Total 5"

    agree = document.find("section", attrs={"data-question": "do_you_agree"})
    assert table_rows(agree.find("table")) == [
        ["Yes", "3", "75%"],
        ["No", "1", "25%"],
    ]
    assert "4 of 5 respondents answered" in text(agree)
    chart = agree.find("svg")
    assert chart["role"] == "img"
    assert "Yes: 3 (75%)" in chart["aria-label"]
    bars = [float(rect["width"]) for rect in chart.find_all("rect")]
    assert bars[0] == 3 * bars[1] > 0

    topics = document.find("section", attrs={"data-question": "topics"})
    assert table_rows(topics.find("table")) == [
        ["Parks", "2", "100%"],
        ["Roads", "1", "50%"],
    ]
    assert "more than one option" in text(topics)

    assert table_rows(document.find(id="free-text-counts")) == [["Why", "1"]]


def test_results_make_the_same_queries_for_5_or_200_responses(
    admin_client, consultation
):
    url = results_url(consultation)

    def add(count):
        ConsultationResponse.objects.bulk_create(
            respond(consultation, do_you_agree="Yes", topics=["Roads"])
            for _ in range(count)
        )

    add(5)
    few = count_queries(admin_client, url)
    add(195)
    assert count_queries(admin_client, url) == few


def test_the_page_menus_link_to_the_staff_tools(admin_client, consultation):
    edit = admin_client.get(reverse("wagtailadmin_pages:edit", args=[consultation.pk]))
    hrefs = {a.get("href") for a in soup(edit).find_all("a")}
    assert {offline_url(consultation), results_url(consultation)} <= hrefs

    listing = admin_client.get(
        reverse("wagtailadmin_explore", args=[consultation.get_parent().pk])
    )
    hrefs = {a.get("href") for a in soup(listing).find_all("a")}
    assert {offline_url(consultation), results_url(consultation)} <= hrefs


def test_other_pages_get_no_links_to_the_staff_tools(admin_client, consultation):
    hub = consultation.get_parent()
    edit = admin_client.get(reverse("wagtailadmin_pages:edit", args=[hub.pk]))
    hrefs = {a.get("href") for a in soup(edit).find_all("a")}
    assert hrefs
    assert not {offline_url(hub), results_url(hub)} & hrefs


# The public outcome ------------------------------------------------------------


def publish_outcome(page):
    ConsultationPage.objects.filter(pk=page.pk).update(
        opens_at=NOW - 60 * DAY,
        closes_at=NOW - 30 * DAY,
        outcome_published_at=NOW - DAY,
        we_did="<p>We planted trees.</p>",
    )


def test_the_outcome_says_how_many_responded_and_how(client, consultation):
    ConsultationResponse.objects.bulk_create(
        [respond(consultation) for _ in range(3)]
        + [respond(consultation, "post"), respond(consultation, "post")]
        + [respond(consultation, "phone")]
    )
    publish_outcome(consultation)
    response = client.get(consultation.url)
    counts = soup(response).find(id="response-counts")
    assert text(counts) == (
        "We received 6 responses: 3 online, 2 by post and 1 by phone."
    )


def test_response_counts_take_one_query(consultation, django_assert_num_queries):
    ConsultationResponse.objects.bulk_create(
        [respond(consultation), respond(consultation, "post")]
    )
    with django_assert_num_queries(1):
        counts = response_counts(consultation)
    assert counts.total == 2
    assert [(c.channel, c.count) for c in counts.received] == [
        ("online", 1),
        ("post", 1),
    ]


def test_the_outcome_makes_no_more_queries_as_responses_grow(client, consultation):
    publish_outcome(consultation)
    ConsultationResponse.objects.bulk_create([respond(consultation)])
    before = count_queries(client, consultation.url)
    ConsultationResponse.objects.bulk_create(
        [respond(consultation, channel) for channel in ("post", "email", "event")]
    )
    assert count_queries(client, consultation.url) == before
    counts = soup(client.get(consultation.url)).find(id="response-counts")
    assert text(counts) == (
        "We received 4 responses: 1 online, 1 by email, 1 by post "
        "and 1 at events or meetings."
    )


def test_an_outcome_with_no_responses_says_nothing_about_counts(client, consultation):
    publish_outcome(consultation)
    response = client.get(consultation.url)
    assert response.status_code == 200
    assert soup(response).find(id="response-counts") is None


# Deleting -----------------------------------------------------------------


@pytest.fixture
def moderator(django_user_model):
    return staff(django_user_model, "mo", "Moderators")


@pytest.fixture
def answered(consultation):
    """An unpublished consultation with a response: any editor could delete
    the page, and with it the response, but for the guard."""
    respond(consultation, do_you_agree="Yes").save()
    consultation.unpublish()
    return consultation


def test_a_page_holding_responses_is_not_deleted_with_them(client, editor, answered):
    sign_in(client, editor)
    response = client.post(
        reverse("wagtailadmin_pages:delete", args=[answered.pk]), follow=True
    )
    assert "holds residents' responses" in text(soup(response).select_one(".messages"))
    assert ConsultationPage.objects.filter(pk=answered.pk).exists()
    assert ConsultationResponse.objects.count() == 1
    bulk = reverse("wagtail_bulk_action", args=("wagtailcore", "page", "delete"))
    client.post(f"{bulk}?id={answered.pk}", follow=True)
    assert ConsultationResponse.objects.count() == 1
    # Nor from a shell, nor with the section above it.
    with pytest.raises(ProtectedError), transaction.atomic():
        answered.get_parent().delete()
    assert ConsultationResponse.objects.count() == 1


def test_deleting_responses_is_recorded_and_then_the_page_may_go(
    client, moderator, answered
):
    sign_in(client, moderator)
    mine = ConsultationResponse.objects.get()
    delete = reverse("consultations_delete_responses", args=[answered.pk])
    # An id that is not a number chooses nothing, rather than failing.
    assert client.post(f"{delete}?selected-submissions=abc").status_code == 302
    assert ConsultationResponse.objects.count() == 1
    client.post(f"{delete}?selected-submissions={mine.pk}")
    assert not ConsultationResponse.objects.exists()
    entry = PageLogEntry.objects.get(action="consultations.delete_responses")
    assert entry.user_id == moderator.pk
    assert entry.data == {"responses": 1, "references": [mine.reference]}
    client.post(reverse("wagtailadmin_pages:delete", args=[answered.pk]))
    assert not ConsultationPage.objects.filter(pk=answered.pk).exists()
