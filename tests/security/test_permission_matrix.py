"""Who may open what in the admin (QUALITY SEC-12).

Every cell of the table below is asserted: each staff group, a superuser and
an anonymous visitor against each family of admin URLs, reached directly by
URL (as an attacker guessing IDs would), not through menus.

ALLOWED: the page answers 200. LOGIN: anonymous visitors are sent to the
admin login. DENIED: a 403, or Wagtail's own refusal, a redirect to the
dashboard with an error message (Wagtail turns PermissionDenied into that).
"""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import Collection
from wagtail_factories import DocumentFactory, ImageFactory

from committees.factories import (
    ActionFactory,
    AgendaItemPageFactory,
    CommitteeIndexPageFactory,
    CommitteePageFactory,
    MeetingPageFactory,
    PersonFactory,
)
from committees.forward_plan import ForwardPlanEntry
from consultations.factories import (
    ConsultationIndexPageFactory,
    ConsultationPageFactory,
)
from consultations.models import QuestionField
from consultations.submissions import ConsultationResponse
from core.models import SiteSettings
from stories.factories import QuotedPersonFactory
from tests.staff import sign_in, staff

pytestmark = pytest.mark.django_db

ALLOWED, DENIED, LOGIN = "allowed", "denied", "login"
WHO = ("anonymous", "Editors", "Moderators", "Democratic services", "superuser")

# fmt: off
EXPECTED = {
    # URL family                        anon   Editors  Moderators DemServ  superuser
    "consultation edit":               (LOGIN, ALLOWED, ALLOWED, DENIED,  ALLOWED),
    "consultation history":            (LOGIN, ALLOWED, ALLOWED, DENIED,  ALLOWED),
    "consultation draft preview":      (LOGIN, ALLOWED, ALLOWED, DENIED,  ALLOWED),
    "consultation results":            (LOGIN, ALLOWED, ALLOWED, DENIED,  ALLOWED),
    "consultation offline response":   (LOGIN, ALLOWED, ALLOWED, DENIED,  ALLOWED),
    # Special category data, even added up (consultations.equality_report).
    "consultation equality figures":   (LOGIN, DENIED,  ALLOWED, DENIED,  ALLOWED),
    "meeting edit":                    (LOGIN, DENIED,  DENIED,  ALLOWED, ALLOWED),
    "meeting history":                 (LOGIN, DENIED,  DENIED,  ALLOWED, ALLOWED),
    "meeting draft preview":           (LOGIN, DENIED,  DENIED,  ALLOWED, ALLOWED),
    # Wagtail: change and publish on a page include deleting it (when it has
    # no children); democratic services hold both on their section.
    "meeting delete":                  (LOGIN, DENIED,  DENIED,  ALLOWED, ALLOWED),
    "form submissions list":           (LOGIN, ALLOWED, ALLOWED, DENIED,  ALLOWED),
    "form submissions CSV export":     (LOGIN, ALLOWED, ALLOWED, DENIED,  ALLOWED),
    # Editors draft and do not publish; deleting residents' responses
    # destroys the consultation's record (consultations.admin_views.DeleteResponsesView).
    "form submissions delete":         (LOGIN, DENIED,  ALLOWED, DENIED,  ALLOWED),
    "documents index":                 (LOGIN, ALLOWED, ALLOWED, ALLOWED, ALLOWED),
    "images index":                    (LOGIN, ALLOWED, ALLOWED, ALLOWED, ALLOWED),
    "committee people snippets":       (LOGIN, DENIED,  DENIED,  ALLOWED, ALLOWED),
    "quoted people snippets":          (LOGIN, ALLOWED, ALLOWED, DENIED,  ALLOWED),
    "site settings":                   (LOGIN, DENIED,  DENIED,  DENIED,  ALLOWED),
    "action tracker":                  (LOGIN, DENIED,  DENIED,  ALLOWED, ALLOWED),
    "action tracker edit":             (LOGIN, DENIED,  DENIED,  ALLOWED, ALLOWED),
    "action tracker history":          (LOGIN, DENIED,  DENIED,  ALLOWED, ALLOWED),
    "consultation revision":           (LOGIN, ALLOWED, ALLOWED, DENIED,  ALLOWED),
    "consultation revisions compare":  (LOGIN, ALLOWED, ALLOWED, DENIED,  ALLOWED),
    "meeting revision":                (LOGIN, DENIED,  DENIED,  ALLOWED, ALLOWED),
    "meeting revision revert":         (LOGIN, DENIED,  DENIED,  ALLOWED, ALLOWED),
    "meeting view restriction":        (LOGIN, DENIED,  DENIED,  ALLOWED, ALLOWED),
    "meeting move":                    (LOGIN, DENIED,  DENIED,  ALLOWED, ALLOWED),
    # Every group shares the root collection's documents and images.
    "document edit":                   (LOGIN, ALLOWED, ALLOWED, ALLOWED, ALLOWED),
    "image edit":                      (LOGIN, ALLOWED, ALLOWED, ALLOWED, ALLOWED),
    "committee person history":        (LOGIN, DENIED,  DENIED,  ALLOWED, ALLOWED),
    "forward plan":                    (LOGIN, DENIED,  DENIED,  ALLOWED, ALLOWED),
    "forward plan add":                (LOGIN, DENIED,  DENIED,  ALLOWED, ALLOWED),
    "forward plan edit":               (LOGIN, DENIED,  DENIED,  ALLOWED, ALLOWED),
    # The admin API feeds Wagtail's choosers: any member of staff may list.
    "admin API pages":                 (LOGIN, ALLOWED, ALLOWED, ALLOWED, ALLOWED),
    "admin API documents":             (LOGIN, ALLOWED, ALLOWED, ALLOWED, ALLOWED),
    "users":                           (LOGIN, DENIED,  DENIED,  DENIED,  ALLOWED),
    "user edit":                       (LOGIN, DENIED,  DENIED,  DENIED,  ALLOWED),
    "groups":                          (LOGIN, DENIED,  DENIED,  DENIED,  ALLOWED),
    "redirects":                       (LOGIN, DENIED,  DENIED,  DENIED,  ALLOWED),
    "search promotions":               (LOGIN, DENIED,  DENIED,  DENIED,  ALLOWED),
    "workflows":                       (LOGIN, DENIED,  DENIED,  DENIED,  ALLOWED),
    "sites":                           (LOGIN, DENIED,  DENIED,  DENIED,  ALLOWED),
    "site history report":             (LOGIN, ALLOWED, ALLOWED, ALLOWED, ALLOWED),
    # Both reports list only the pages (and their history) a person may edit.
    "aging pages report":              (LOGIN, ALLOWED, ALLOWED, ALLOWED, ALLOWED),
}
# fmt: on


@pytest.fixture
def world(home_page, django_user_model):
    hub = ConsultationIndexPageFactory(parent=home_page)
    consultation = ConsultationPageFactory(
        parent=hub,
        form_fields=[QuestionField(label="Why", field_type="multiline")],
    )
    consultation.save_revision()
    response = ConsultationResponse.objects.create(
        page=consultation, form_data={"why": "Because."}
    )
    index = CommitteeIndexPageFactory(parent=home_page)
    committee = CommitteePageFactory(parent=index)
    meeting = MeetingPageFactory(parent=committee)
    meeting.save_revision()
    earlier = MeetingPageFactory(parent=committee)
    action = ActionFactory(
        owner=PersonFactory(), agenda_item=AgendaItemPageFactory(parent=earlier)
    )
    quoted = QuotedPersonFactory()
    site_settings = SiteSettings.objects.get()
    first_draft = consultation.latest_revision
    consultation.save_revision()
    meeting_draft = meeting.latest_revision
    # In the library every group shares (the factories' default is a
    # collection of their own, which no group holds).
    library = Collection.get_first_root_node()
    document = DocumentFactory(collection=library)
    image = ImageFactory(collection=library)
    owner = action.owner
    someone = django_user_model.objects.create_user("someone")
    planned = ForwardPlanEntry.objects.create(
        title="Sell the depot",
        summary="Whether to sell it.",
        committee=committee,
        expected_on=datetime.date(2027, 1, 4),
        first_published_on=datetime.date(2026, 11, 2),
    )
    return {
        "consultation edit": ("wagtailadmin_pages:edit", [consultation.pk]),
        "consultation history": ("wagtailadmin_pages:history", [consultation.pk]),
        "consultation draft preview": (
            "wagtailadmin_pages:view_draft",
            [consultation.pk],
        ),
        "consultation results": ("consultations_results", [consultation.pk]),
        "consultation offline response": (
            "consultations_offline_response",
            [consultation.pk],
        ),
        "consultation equality figures": ("consultations_equality", [consultation.pk]),
        "meeting edit": ("wagtailadmin_pages:edit", [meeting.pk]),
        "meeting history": ("wagtailadmin_pages:history", [meeting.pk]),
        "meeting draft preview": ("wagtailadmin_pages:view_draft", [meeting.pk]),
        "meeting delete": ("wagtailadmin_pages:delete", [meeting.pk]),
        "form submissions list": ("wagtailforms:list_submissions", [consultation.pk]),
        "form submissions CSV export": (
            "wagtailforms:list_submissions",
            [consultation.pk],
            "?export=csv",
        ),
        "form submissions delete": (
            "wagtailforms:delete_submissions",
            [consultation.pk],
            f"?selected-submissions={response.pk}",
        ),
        "documents index": ("wagtaildocs:index", []),
        "images index": ("wagtailimages:index", []),
        "committee people snippets": ("wagtailsnippets_committees_person:list", []),
        "quoted people snippets": ("wagtailsnippets_stories_quotedperson:list", []),
        "site settings": (
            "wagtailsettings:edit",
            ["core", "sitesettings", site_settings.site_id],
        ),
        "action tracker": ("committees_action_modeladmin_index", []),
        "action tracker edit": ("committees_action_modeladmin_edit", [action.pk]),
        "action tracker history": (
            "committees_action_modeladmin_history",
            [action.pk],
        ),
        "consultation revision": (
            "wagtailadmin_pages:revisions_view",
            [consultation.pk, first_draft.pk],
        ),
        "consultation revisions compare": (
            "wagtailadmin_pages:revisions_compare",
            [consultation.pk, "earliest", "latest"],
        ),
        "meeting revision": (
            "wagtailadmin_pages:revisions_view",
            [meeting.pk, meeting_draft.pk],
        ),
        "meeting revision revert": (
            "wagtailadmin_pages:revisions_revert",
            [meeting.pk, meeting_draft.pk],
        ),
        "meeting view restriction": ("wagtailadmin_pages:set_privacy", [meeting.pk]),
        "meeting move": ("wagtailadmin_pages:move", [meeting.pk]),
        "document edit": ("wagtaildocs:edit", [document.pk]),
        "image edit": ("wagtailimages:edit", [image.pk]),
        "committee person history": (
            "wagtailsnippets_committees_person:history",
            [owner.pk],
        ),
        "forward plan": ("wagtailsnippets_committees_forwardplanentry:list", []),
        "forward plan add": ("wagtailsnippets_committees_forwardplanentry:add", []),
        "forward plan edit": (
            "wagtailsnippets_committees_forwardplanentry:edit",
            [planned.pk],
        ),
        "admin API pages": ("wagtailadmin_api:pages:listing", []),
        "admin API documents": ("wagtailadmin_api:documents:listing", []),
        "users": ("wagtailusers_users:index", []),
        "user edit": ("wagtailusers_users:edit", [someone.pk]),
        "groups": ("wagtailusers_groups:index", []),
        "redirects": ("wagtailredirects:index", []),
        "search promotions": ("wagtailsearchpromotions:index", []),
        "workflows": ("wagtailadmin_workflows:index", []),
        "sites": ("wagtailsites:index", []),
        "site history report": ("wagtailadmin_reports:site_history", []),
        "aging pages report": ("wagtailadmin_reports:aging_pages", []),
        "_quoted": quoted,
    }


def outcome(response) -> str:
    if response.status_code == 200:
        return ALLOWED
    if response.status_code == 403:
        return DENIED
    if response.status_code == 302:
        location = response["Location"]
        if location.startswith(reverse("wagtailadmin_login")):
            return LOGIN
        if location == reverse("wagtailadmin_home"):
            return DENIED
    return f"unexpected {response.status_code}"


def log_in(client, django_user_model, who):
    if who == "anonymous":
        return
    if who == "superuser":
        user = django_user_model.objects.create_superuser(
            "root", "root@example.com", "not-a-real-password"
        )
    else:
        assert Group.objects.filter(name=who).exists()
        user = staff(django_user_model, who.lower().replace(" ", "-"), who)
    sign_in(client, user)


def url_of(world, family) -> str:
    name, args, *query = world[family]
    return reverse(name, args=args) + (query[0] if query else "")


@pytest.mark.parametrize("who", WHO)
def test_permission_matrix(client, django_user_model, world, who):
    """One column of the table: every family, one person. Each mismatch is
    listed, so one run shows the whole column (and the world of pages and
    records is built once per person, not once per cell)."""
    log_in(client, django_user_model, who)
    column = WHO.index(who)
    mismatches = [
        f"{family}: expected {row[column]}, got {got} ({url})"
        for family, row in EXPECTED.items()
        if (got := outcome(client.get(url := url_of(world, family)))) != row[column]
    ]
    assert not mismatches, f"{who}:\n" + "\n".join(mismatches)


def test_every_family_has_a_url(world):
    assert set(EXPECTED) <= set(world)


def test_no_family_opens_to_a_password_alone(client, django_user_model, world):
    """QUALITY SEC-10: even a superuser who has only passed the password step
    is sent to the second step, from every family of admin URLs."""
    superuser = django_user_model.objects.create_superuser("root", "r@example.com")
    client.force_login(superuser)
    verify = reverse("engage_two_factor_verify")
    opened = [
        f"{family}: {response.status_code} {response.get('Location', '')}"
        for family in EXPECTED
        if not (
            (response := client.get(url_of(world, family))).status_code == 302
            and response["Location"].startswith(verify)
        )
    ]
    assert not opened, "\n".join(opened)
    # The set-up page then takes over, since this superuser has no app yet.
    response = client.get(url_of(world, "site settings"))
    assert client.get(response["Location"])["Location"].startswith(
        reverse("engage_two_factor_set_up")
    )
