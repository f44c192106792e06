"""The pages residents see when something is refused or fails, from the demo
site, as HTML: for the HTML checker and axe (QUALITY ACC-01, ACC-02), which
otherwise only ever see pages that worked; and the pages only a link in an
email reaches."""

from urllib.parse import urlsplit

from django.contrib.auth import get_user_model
from django.template.loader import render_to_string
from django.test import Client

from consultations.stop_emails import stop_emails_url
from consultations.submissions import ConsultationResponse
from tests.demo_pages import PAGE_TYPES
from tests.html import soup
from tests.staff import sign_in

ANSWERS = {
    "how_far_do_you_agree_with_the_three_ideas_in_our_draft_approach": "Agree",
    "are_you_responding_as": "A resident",
    "i_have_read_how_my_information_will_be_used": "on",
}


def send_response(client, url):
    """The response form as a browser sends it: hidden fields and answers."""
    hidden = {
        field["name"]: field.get("value", "")
        for field in soup(client.get(url)).select("form input[type=hidden]")
    }
    return client.post(url, {**hidden, **ANSWERS})


def error_state_pages(settings) -> dict[str, bytes]:
    client = Client()
    form = PAGE_TYPES["consultation"]
    pages = {}

    closed = client.post(PAGE_TYPES["consultation closed"], ANSWERS)
    assert closed.status_code == 409
    pages["response refused: consultation closed"] = closed.content

    settings.CONSULTATION_MIN_FILL_SECONDS = 3600
    too_fast = send_response(client, form)
    assert too_fast.status_code == 200 and "submit them again" in too_fast.text
    pages["response held: sent too fast"] = too_fast.content

    settings.CONSULTATION_MIN_FILL_SECONDS = 0
    settings.CONSULTATION_RATE_LIMIT = 1
    assert send_response(client, form).status_code == 302
    limited = send_response(client, form)
    assert limited.status_code == 429
    pages["response refused: too many"] = limited.content

    # Reached only from the link in a notice email: asking, then stopped.
    stored = ConsultationResponse.objects.latest("pk")
    stop = urlsplit(stop_emails_url(stored, stored.page.specific)).path
    pages["stop emails"] = client.get(stop).content
    pages["emails stopped"] = client.post(stop).content

    tracker = client.get(PAGE_TYPES["action tracker"] + "?status=late&overdue=maybe")
    assert tracker.status_code == 200 and "govuk-error-summary" in tracker.text
    pages["action tracker with errors"] = tracker.content

    index = PAGE_TYPES["story index"]
    topics = [box["value"] for box in soup(client.get(index)).select("input[name=tag]")]
    too_many = client.get(index, {"tag": topics[:4]})
    assert too_many.status_code == 200 and "govuk-error-summary" in too_many.text
    pages["story filter with too many topics"] = too_many.content

    staff = get_user_model().objects.create_user("error-states-ed")
    sign_in(client, staff)
    refused = client.get("/_util/login/?next=/")
    assert refused.status_code == 403
    pages["not allowed (403)"] = refused.content

    pages["server error (500)"] = render_to_string("500.html").encode()
    pages["service unavailable (503)"] = render_to_string("503.html").encode()
    return pages
