"""The admin's "Action tracker": democratic services list, filter, search
and export actions, and record them against resolutions; nobody else may."""

import csv
import datetime
import io
import json

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from committees.actions import Action, ActionUpdate
from committees.admin import ActionAdmin
from committees.enums import ActionStatus, PersonKind
from committees.factories import (
    ActionFactory,
    ActionUpdateFactory,
    AgendaItemPageFactory,
    CommitteePageFactory,
    MeetingPageFactory,
    PersonFactory,
    ResolutionFactory,
)
from core.formatting import govuk_date
from tests.html import soup, text
from tests.queries import count_queries
from tests.staff import sign_in, staff

pytestmark = pytest.mark.django_db

NOW = timezone.now()
TODAY = timezone.localdate()
DAY = datetime.timedelta(days=1)
INDEX_URL = reverse("committees_action_modeladmin_index")
CREATE_URL = reverse("committees_action_modeladmin_create")


def edit_url(action):
    return reverse("committees_action_modeladmin_edit", args=[action.pk])


@pytest.fixture
def clerk(client, django_user_model):
    """A democratic services officer, logged in."""
    sign_in(client, staff(django_user_model, "clerk", "Democratic services"))
    return client


@pytest.fixture
def editor(client, django_user_model):
    sign_in(client, staff(django_user_model, "ed", "Editors"))
    return client


@pytest.fixture
def board(index):
    return CommitteePageFactory(parent=index, title="Health and Wellbeing Board")


@pytest.fixture
def planning(index):
    return CommitteePageFactory(parent=index, title="Planning Committee")


@pytest.fixture
def board_meeting(board):
    return MeetingPageFactory(
        parent=board, title="Spring meeting", starts_at=NOW - 7 * DAY
    )


@pytest.fixture
def budget(board_meeting):
    return AgendaItemPageFactory(parent=board_meeting, item_number="5", title="Budget")


@pytest.fixture
def budget_resolutions(budget):
    return [
        ResolutionFactory(page=budget, text="Agreed the budget."),
        ResolutionFactory(page=budget, text="Asked for a report on savings."),
    ]


@pytest.fixture
def hedges_item(planning):
    meeting = MeetingPageFactory(
        parent=planning, title="Planning meeting", starts_at=NOW - 40 * DAY
    )
    return AgendaItemPageFactory(parent=meeting, item_number="3", title="Hedges")


def officer(name):
    return PersonFactory(title="", name=name, kind=PersonKind.OFFICER)


@pytest.fixture
def actions(budget, budget_resolutions, hedges_item):
    """One overdue action on the board and one done on planning."""
    return {
        "overdue": ActionFactory(
            description="Write the savings report",
            agenda_item=budget,
            resolution=budget_resolutions[1],
            owner=officer("Ann Finance"),
            due_on=TODAY - DAY,
            status=ActionStatus.IN_PROGRESS,
        ),
        "done": ActionFactory(
            description="Trim the hedges",
            agenda_item=hedges_item,
            owner=officer("Bob Planner"),
            due_on=TODAY - 10 * DAY,
            status=ActionStatus.DONE,
        ),
    }


def listed(response) -> list[list[str]]:
    """The listing's rows, as the text of each cell (without its buttons)."""
    assert response.status_code == 200
    table = soup(response).find("table", class_="listing")
    if table is None:
        return []
    rows = []
    for row in table.find("tbody").find_all("tr"):
        for buttons in row.find_all("ul", class_="actions"):
            buttons.decompose()
        rows.append([text(cell) for cell in row.find_all("td")])
    return rows


def descriptions(response) -> list[str]:
    return sorted(row[0] for row in listed(response))


def sidebar_menu(response) -> str:
    """The admin's sidebar menu, which Wagtail sends as JSON."""
    props = soup(response).find("script", id="wagtail-sidebar-props")
    return json.dumps(json.loads(props.string))


# Listing, filtering, searching


def test_democratic_services_have_the_menu_item(clerk):
    assert "Action tracker" in sidebar_menu(clerk.get(reverse("wagtailadmin_home")))


def test_the_listing_shows_each_actions_meeting_owner_and_whether_overdue(
    clerk, actions, board_meeting
):
    rows = listed(clerk.get(INDEX_URL))

    assert rows == [
        # Due first, first.
        [
            "Trim the hedges",
            "Planning Committee",
            govuk_date(NOW - 40 * DAY),
            "Bob Planner",
            govuk_date(TODAY - 10 * DAY),
            "Done",
            "No",
        ],
        [
            "Write the savings report",
            "Health and Wellbeing Board",
            govuk_date(board_meeting.starts_at),
            "Ann Finance",
            govuk_date(TODAY - DAY),
            "In progress",
            "Yes",
        ],
    ]


def test_filter_by_committee(clerk, actions, board, planning):
    assert descriptions(clerk.get(INDEX_URL, {"committee": board.pk})) == [
        "Write the savings report"
    ]
    assert descriptions(clerk.get(INDEX_URL, {"committee": planning.pk})) == [
        "Trim the hedges"
    ]
    assert descriptions(clerk.get(INDEX_URL, {"committee": "nonsense"})) == []
    # A digit to str.isdigit() but not to int(): superscript two, Arabic-Indic.
    for not_a_key in ("\u00b2", "\u0663"):
        assert descriptions(clerk.get(INDEX_URL, {"committee": not_a_key})) == []


@pytest.mark.parametrize("query", ["owner__id__exact=abc", "no_such_filter=1"])
def test_a_filter_the_listing_does_not_have_shows_every_action(clerk, actions, query):
    response = clerk.get(f"{INDEX_URL}?{query}", follow=True)
    assert response.status_code == 200
    assert sorted(descriptions(response)) == [
        "Trim the hedges",
        "Write the savings report",
    ]
    assert "Those filters do not apply" in response.content.decode()


def test_the_committee_filter_offers_every_committee_by_name(clerk, actions):
    document = soup(clerk.get(INDEX_URL))
    committee_links = [
        text(link)
        for link in document.find_all("a", href=True)
        if "committee=" in link["href"]
    ]
    assert committee_links == ["Health and Wellbeing Board", "Planning Committee"]


def test_filter_by_status(clerk, actions):
    response = clerk.get(INDEX_URL, {"status__exact": ActionStatus.DONE})
    assert descriptions(response) == ["Trim the hedges"]


def test_filter_by_owner(clerk, actions):
    owner = actions["overdue"].owner
    response = clerk.get(INDEX_URL, {"owner__id__exact": owner.pk})
    assert descriptions(response) == ["Write the savings report"]


def test_filter_by_overdue(clerk, actions):
    assert descriptions(clerk.get(INDEX_URL, {"overdue": "yes"})) == [
        "Write the savings report"
    ]
    assert descriptions(clerk.get(INDEX_URL, {"overdue": "no"})) == ["Trim the hedges"]


def test_search_by_description_or_owner(clerk, actions):
    assert descriptions(clerk.get(INDEX_URL, {"q": "hedges"})) == ["Trim the hedges"]
    assert descriptions(clerk.get(INDEX_URL, {"q": "ann finance"})) == [
        "Write the savings report"
    ]


def test_sort_by_meeting_date(clerk, actions):
    # Column 2 (from 0) is the meeting date; "-2" sorts it newest first.
    response = clerk.get(INDEX_URL, {"o": "-2"})
    assert [row[0] for row in listed(response)] == [
        "Write the savings report",
        "Trim the hedges",
    ]


# Export


def exported(response) -> list[list[str]]:
    assert response.status_code == 200
    content = b"".join(response.streaming_content).decode()
    return list(csv.reader(io.StringIO(content)))


def test_export_the_filtered_list_as_csv(clerk, actions, board_meeting):
    ActionUpdateFactory(
        action=actions["overdue"], note="Drafting.", noted_on=TODAY - 2 * DAY
    )

    response = clerk.get(INDEX_URL, {"export": "csv", "overdue": "yes"})

    assert (
        response["Content-Disposition"] == 'attachment; filename="action-tracker.csv"'
    )
    header, *rows = exported(response)
    assert header == [
        "ID",
        "Description",
        "Committee",
        "Meeting",
        "Meeting date",
        "Agenda item",
        "Resolution",
        "Owner",
        "Due date",
        "Status",
        "Overdue",
        "Latest progress note",
        "Date of latest progress note",
    ]
    meeting_day = timezone.localtime(board_meeting.starts_at).date()
    assert rows == [
        [
            str(actions["overdue"].pk),
            "Write the savings report",
            "Health and Wellbeing Board",
            "Spring meeting",
            meeting_day.isoformat(),
            "Item 5: Budget",
            "2",
            "Ann Finance",
            (TODAY - DAY).isoformat(),
            "In progress",
            "Yes",
            "Drafting.",
            (TODAY - 2 * DAY).isoformat(),
        ]
    ]


def test_export_as_a_workbook(clerk, actions):
    response = clerk.get(INDEX_URL, {"export": "xlsx"})

    assert response.status_code == 200
    assert response["Content-Disposition"] == (
        'attachment; filename="action-tracker.xlsx"'
    )


def test_the_export_does_not_let_a_spreadsheet_run_a_cell(clerk, budget):
    ActionFactory(description='=HYPERLINK("https://example.com")', agenda_item=budget)

    header, row = exported(clerk.get(INDEX_URL, {"export": "csv"}))

    assert row[header.index("Description")] == """'=HYPERLINK("https://example.com")"""


# Recording actions


def post_data(**fields):
    data = {
        "description": "Report back on the savings",
        "resolution": "",
        "agenda_item": "",
        "owner": "",
        "due_on": (TODAY + 30 * DAY).isoformat(),
        "status": ActionStatus.OPEN,
        "updates": inline_formset([]),
    }
    data.update(fields)
    return nested_form_data(data)


def field_errors(response, name) -> str:
    assert response.status_code == 200
    field = soup(response).find(attrs={"name": name})
    wrapper = field.find_parent(attrs={"data-field-wrapper": True})
    return text(wrapper.find(class_="error-message"))


def test_resolutions_are_offered_by_committee_meeting_and_item(
    clerk, board_meeting, budget_resolutions
):
    old_meeting = MeetingPageFactory(
        parent=board_meeting.get_parent(),
        title="Old meeting",
        starts_at=NOW - 3 * 365 * DAY,
    )
    old_item = AgendaItemPageFactory(parent=old_meeting, item_number="2")
    ResolutionFactory(page=old_item)

    response = clerk.get(CREATE_URL)

    select = soup(response).find("select", attrs={"name": "resolution"})
    date = govuk_date(board_meeting.starts_at)
    assert [text(option) for option in select.find_all("option")] == [
        "None",
        f"Health and Wellbeing Board, {date}, item 5 Budget: resolution 1",
        f"Health and Wellbeing Board, {date}, item 5 Budget: resolution 2",
    ]


def test_an_action_keeps_an_old_resolution_it_already_has(clerk, board):
    old_meeting = MeetingPageFactory(
        parent=board, title="Old meeting", starts_at=NOW - 3 * 365 * DAY
    )
    old_item = AgendaItemPageFactory(parent=old_meeting, item_number="2")
    old_resolution = ResolutionFactory(page=old_item)
    action = ActionFactory(agenda_item=old_item, resolution=old_resolution)

    response = clerk.get(edit_url(action))

    select = soup(response).find("select", attrs={"name": "resolution"})
    chosen = select.find("option", selected=True)
    assert chosen["value"] == str(old_resolution.pk)
    assert "item 2" in text(chosen)


def test_choosing_only_a_resolution_records_its_agenda_item(
    clerk, budget, budget_resolutions
):
    owner = officer("Ann Finance")

    response = clerk.post(
        CREATE_URL, post_data(resolution=budget_resolutions[1].pk, owner=owner.pk)
    )

    assert response.status_code == 302
    assert response["Location"] == INDEX_URL
    action = Action.objects.get()
    assert action.description == "Report back on the savings"
    assert action.resolution == budget_resolutions[1]
    assert action.agenda_item_id == budget.pk
    assert action.owner == owner


def test_an_action_can_be_recorded_against_an_item_alone(clerk, budget):
    response = clerk.post(
        CREATE_URL, post_data(agenda_item=budget.pk, owner=officer("Ann").pk)
    )

    assert response.status_code == 302
    assert Action.objects.get().agenda_item_id == budget.pk


def test_add_a_progress_note(clerk, actions):
    action = actions["overdue"]

    response = clerk.post(
        edit_url(action),
        post_data(
            description=action.description,
            resolution=action.resolution_id,
            agenda_item=action.agenda_item_id,
            owner=action.owner_id,
            due_on=action.due_on.isoformat(),
            status=ActionStatus.IN_PROGRESS,
            updates=inline_formset(
                [{"noted_on": TODAY.isoformat(), "note": "Draft sent to the chair."}]
            ),
        ),
    )

    assert response.status_code == 302
    [update] = ActionUpdate.objects.filter(action=action)
    assert update.note == "Draft sent to the chair."
    assert update.noted_on == TODAY
    history = clerk.get(
        reverse("committees_action_modeladmin_history", args=[action.pk])
    )
    assert history.status_code == 200


def test_a_resolution_from_another_item_is_refused_clearly(
    clerk, budget_resolutions, hedges_item
):
    response = clerk.post(
        CREATE_URL,
        post_data(
            resolution=budget_resolutions[0].pk,
            agenda_item=hedges_item.pk,
            owner=officer("Ann").pk,
        ),
    )

    assert field_errors(response, "agenda_item") == (
        "This is not the item the chosen resolution belongs to: clear it, or "
        "choose that item."
    )
    assert not Action.objects.exists()


def test_an_action_with_neither_item_nor_resolution_is_refused_clearly(clerk, budget):
    response = clerk.post(CREATE_URL, post_data(owner=officer("Ann").pk))

    assert field_errors(response, "agenda_item") == (
        "Choose the agenda item, or a resolution, it came from."
    )
    assert not Action.objects.exists()


# Who may use it


def test_a_superuser_can_use_it(admin_client, actions):
    assert len(listed(admin_client.get(INDEX_URL))) == 2
    assert admin_client.get(CREATE_URL).status_code == 200


def test_an_editor_has_no_menu_item(editor):
    response = editor.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    assert "Action tracker" not in sidebar_menu(response)


def refused(response) -> bool:
    """Wagtail's admin answers a PermissionDenied by sending the user back to
    the dashboard with a message."""
    return response.status_code == 302 and response["Location"] == reverse(
        "wagtailadmin_home"
    )


def test_an_editor_is_refused_every_action_tracker_url(editor, actions, budget):
    action = actions["overdue"]
    for url in (
        INDEX_URL,
        f"{INDEX_URL}?export=csv",
        CREATE_URL,
        edit_url(action),
        reverse("committees_action_modeladmin_delete", args=[action.pk]),
        reverse("committees_action_modeladmin_history", args=[action.pk]),
    ):
        assert refused(editor.get(url)), url
    assert refused(editor.post(CREATE_URL, post_data(agenda_item=budget.pk)))
    assert refused(editor.post(edit_url(action), post_data(agenda_item=budget.pk)))
    assert Action.objects.count() == 2
    assert Action.objects.get(pk=action.pk).description == "Write the savings report"

    dashboard = editor.get(reverse("wagtailadmin_home"))
    assert "Sorry, you do not have permission to access this area." in text(
        soup(dashboard).find(class_="messages")
    )


def test_someone_logged_out_is_sent_to_log_in(client):
    response = client.get(INDEX_URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("wagtailadmin_login"))


# Queries


def test_the_listing_makes_the_same_queries_for_5_or_50_actions(clerk, index):
    committees = [
        CommitteePageFactory(parent=index, title=f"Committee {n}") for n in range(2)
    ]
    items = []
    for committee in committees:
        meeting = MeetingPageFactory(parent=committee, starts_at=NOW - 7 * DAY)
        items += [AgendaItemPageFactory(parent=meeting) for _ in range(3)]
    resolutions = [ResolutionFactory(page=item) for item in items]

    def add_actions(first, last):
        for n in range(first, last):
            ActionFactory(
                agenda_item=items[n % len(items)],
                resolution=resolutions[n % len(items)] if n % 2 else None,
                owner=officer(f"Officer {n}"),
                due_on=TODAY + (n - 10) * DAY,
            )

    add_actions(0, 5)
    few = count_queries(clerk, INDEX_URL)
    add_actions(5, 50)
    many = count_queries(clerk, INDEX_URL)

    assert len(listed(clerk.get(INDEX_URL))) == 50
    assert few == many


def test_the_resolution_choices_are_one_query(
    index, board_meeting, budget_resolutions, django_assert_num_queries
):
    for number in range(5):
        meeting = MeetingPageFactory(
            parent=CommitteePageFactory(parent=index), starts_at=NOW - number * DAY
        )
        ResolutionFactory(page=AgendaItemPageFactory(parent=meeting))
    form_class = ActionAdmin().get_edit_handler().bind_to_model(Action).get_form_class()
    form = form_class(instance=Action())

    with django_assert_num_queries(1):
        labels = [label for _, label in form.fields["resolution"].choices]

    assert len(labels) == 1 + 2 + 5
