"""Democratic services record minutes in the admin; nobody else changes the
committees section, and approved minutes are locked."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import ProtectedError
from django.urls import reverse
from django.utils import timezone
from wagtail.models import GroupPagePermission, PageViewRestriction, WorkflowPage
from wagtail.test.utils.form_data import (
    inline_formset,
    nested_form_data,
    rich_text,
    streamfield,
)

from committees.enums import MinutesStatus
from committees.factories import (
    AgendaItemPageFactory,
    CommitteePageFactory,
    MeetingPageFactory,
    PersonFactory,
)
from committees.models import AgendaItemPage, CommitteeIndexPage, MeetingPage
from committees.permissions import DEMOCRATIC_SERVICES, SIGN_OFF_WORKFLOW
from home.models import HomePage
from tests.html import soup, text
from tests.staff import sign_in, staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting(index):
    committee = CommitteePageFactory(parent=index, title="Health and Wellbeing Board")
    return MeetingPageFactory(parent=committee, with_minutes=True)


@pytest.fixture
def item(meeting):
    return AgendaItemPageFactory(parent=meeting, title="Empowering our communities")


@pytest.fixture
def clerk(django_user_model):
    return staff(django_user_model, "clerk", DEMOCRATIC_SERVICES)


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=(page.pk,))


def test_a_new_section_is_handed_to_democratic_services(index):
    group = Group.objects.get(name=DEMOCRATIC_SERVICES)
    granted = set(
        GroupPagePermission.objects.filter(group=group, page=index).values_list(
            "permission__codename", flat=True
        )
    )
    assert {"add_page", "change_page", "publish_page"} <= granted
    assert WorkflowPage.objects.get(page=index).workflow.name == SIGN_OFF_WORKFLOW


@pytest.mark.parametrize("group", ["Editors", "Moderators"])
def test_editors_and_moderators_cannot_change_the_section(
    client, django_user_model, group, index, meeting, item
):
    sign_in(client, staff(django_user_model, "someone", group))
    for page in (index, meeting.get_parent(), meeting, item):
        assert client.get(edit_url(page)).status_code in (302, 403)
        assert not page.permissions_for_user(
            django_user_model.objects.get(username="someone")
        ).can_edit()
    add_item = reverse(
        "wagtailadmin_pages:add", args=("committees", "agendaitempage", meeting.pk)
    )
    assert client.get(add_item).status_code in (302, 403)


def test_editors_still_edit_the_rest_of_the_site(django_user_model, home_page):
    editor = staff(django_user_model, "ed", "Editors")
    assert home_page.permissions_for_user(editor).can_edit()


def seed_item_form(meeting, person_ids, action="action-publish"):
    """The admin form for an agenda item with the whole shape of the seed."""
    director, leaving, joining = person_ids
    data = {
        "item_number": "5",
        "title": "Empowering our communities",
        "slug": "empowering-our-communities",
        "summary": "How partners will put communities at the centre of health.",
        "body": streamfield([]),
        "documents": inline_formset([]),
        "consultations": inline_formset([]),
        "declarations": inline_formset([]),
        "witnesses": inline_formset([{"person": director, "role": ""}]),
        "key_points": inline_formset(
            [
                {
                    "raised_by": "The Director of Communities",
                    "point": rich_text("<p>Three lessons from partners.</p>"),
                    "responded_by": "",
                    "response": rich_text(""),
                },
                {
                    "raised_by": "A Board member",
                    "point": rich_text("<p>Use the groups that exist.</p>"),
                    "responded_by": "the Director",
                    "response": rich_text("<p>Agreed.</p>"),
                },
            ]
        ),
        "attendance_events": inline_formset(
            [
                {
                    "person": leaving,
                    "change": "left",
                    "at": "15:25",
                    "during_point": "1",
                },
                {
                    "person": joining,
                    "change": "joined",
                    "at": "15:28",
                    "during_point": "1",
                },
            ]
        ),
        "public_questions": inline_formset([]),
        "motions": inline_formset([]),
        "resolutions": inline_formset(
            [
                {"text": f"Resolution {n}.", "report_section": f"5.{n + 1}"}
                for n in (1, 2, 3)
            ]
        ),
        action: "on",
    }
    return nested_form_data(data)


def test_democratic_services_record_the_seed_item_in_the_admin(client, clerk, meeting):
    sign_in(client, clerk)
    people = [PersonFactory().pk for _ in range(3)]
    url = reverse(
        "wagtailadmin_pages:add", args=("committees", "agendaitempage", meeting.pk)
    )
    response = client.post(url, seed_item_form(meeting, people))
    assert response.status_code == 302, [
        text(error) for error in soup(response).select(".error-message")
    ]
    item = AgendaItemPage.objects.get(slug="empowering-our-communities")
    assert item.live
    assert [(r.number, r.report_section) for r in item.resolutions.all()] == [
        (1, "5.2"),
        (2, "5.3"),
        (3, "5.4"),
    ]
    assert [p.number for p in item.key_points.all()] == [1, 2]
    assert item.attendance_events.count() == 2
    assert item.witnesses.get().person_id == people[0]

    page = client.get(item.url).content.decode()
    assert "Resolution 3." in page
    assert "left the meeting at 3:25pm" in page


def test_a_bad_minute_is_refused_with_a_message_and_nothing_is_lost(
    client, clerk, meeting
):
    sign_in(client, clerk)
    people = [PersonFactory().pk for _ in range(3)]
    form = seed_item_form(meeting, people)
    form["attendance_events-0-at"] = "quarter past three"
    url = reverse(
        "wagtailadmin_pages:add", args=("committees", "agendaitempage", meeting.pk)
    )
    response = client.post(url, form)
    assert response.status_code == 200
    assert not AgendaItemPage.objects.filter(slug="empowering-our-communities")
    # The rest of what was typed is still in the form.
    assert "Use the groups that exist." in response.content.decode()


def approve(meeting):
    meeting.minutes_status = MinutesStatus.APPROVED
    meeting.minutes_approved_on = timezone.localdate()
    meeting.save_revision().publish()
    meeting.refresh_from_db()


def test_approved_minutes_are_locked_except_for_democratic_services(
    client, clerk, admin_user, meeting, item
):
    approve(meeting)
    item.refresh_from_db()
    for page in (meeting, item):
        assert page.get_lock().for_user(admin_user)
        assert not page.get_lock().for_user(clerk)

    # A superuser outside the group may open the page but not save it.
    sign_in(client, admin_user)
    response = client.get(edit_url(item))
    assert "Only democratic services can change them" in response.content.decode()
    people = [PersonFactory().pk for _ in range(3)]
    form = seed_item_form(meeting, people, action="action-publish")
    form["title"] = "Changed by a superuser"
    response = client.post(edit_url(item), form)
    item.refresh_from_db()
    assert item.title == "Empowering our communities"
    assert not item.resolutions.exists()

    sign_in(client, clerk)
    form["title"] = "Corrected by democratic services"
    response = client.post(edit_url(item), form)
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.title == "Corrected by democratic services"


def test_approved_minutes_are_never_deleted_or_unpublished(
    client, clerk, admin_user, home_page, index, meeting, item
):
    """QUALITY PRIV-04: minutes are kept permanently. Nobody may delete or
    unpublish them, the pages above them included; moving them is allowed."""
    approve(meeting)
    committee = meeting.get_parent().specific
    for user in (clerk, admin_user):
        for page in (item, meeting, committee, index):
            page.refresh_from_db()
            tester = page.permissions_for_user(user)
            assert not tester.can_delete(), (user, page)
            assert not tester.can_unpublish(), (user, page)
        assert meeting.permissions_for_user(user).can_move()

    sign_in(client, admin_user)
    for page in (item, meeting, home_page):
        delete = reverse("wagtailadmin_pages:delete", args=(page.pk,))
        unpublish = reverse("wagtailadmin_pages:unpublish", args=(page.pk,))
        for url in (delete, unpublish):
            response = client.post(url, follow=True)
            page.refresh_from_db()
            assert page.live, url
    # The home page is outside the section: its refusal says why.
    assert "keeps permanently" in text(soup(response).select_one(".messages"))
    assert AgendaItemPage.objects.filter(pk=item.pk).exists()


def meeting_form(meeting, **overrides):
    """The admin form for `meeting` as it stands, with `overrides`."""
    data = {
        "title": meeting.title,
        "slug": meeting.slug,
        "starts_at": timezone.localtime(meeting.starts_at).strftime("%Y-%m-%d %H:%M"),
        "status": meeting.status,
        "body": streamfield([]),
        "documents": inline_formset([]),
        "attendance": inline_formset([]),
        "minutes_status": meeting.minutes_status,
        "minutes_approved_on": (
            meeting.minutes_approved_on.isoformat()
            if meeting.minutes_approved_on
            else ""
        ),
        "action-publish": "publish",
    }
    data.update(overrides)
    return nested_form_data(data)


def test_approved_minutes_cannot_be_taken_back_to_draft(client, clerk, meeting):
    """Otherwise democratic services could unapprove, then unpublish and
    delete, the permanent record."""
    approve(meeting)
    sign_in(client, clerk)
    # The form as it stands saves: the check is on going back, nothing else.
    assert client.post(edit_url(meeting), meeting_form(meeting)).status_code == 302
    response = client.post(
        edit_url(meeting),
        meeting_form(
            meeting, minutes_status=MinutesStatus.DRAFT, minutes_approved_on=""
        ),
    )
    assert response.status_code == 200
    assert "Approved minutes stay approved" in response.content.decode()
    meeting.refresh_from_db()
    assert meeting.minutes_status == MinutesStatus.APPROVED
    assert not meeting.permissions_for_user(clerk).can_unpublish()


def test_no_bulk_action_or_script_deletes_approved_minutes(
    client, admin_user, home_page, meeting
):
    approve(meeting)
    sign_in(client, admin_user)
    for action in ("delete", "unpublish"):
        url = reverse("wagtail_bulk_action", args=("wagtailcore", "page", action))
        client.post(f"{url}?id={home_page.pk}", follow=True)
        home_page.refresh_from_db()
        assert home_page.live
    # The last line: whatever deletes the meeting, a shell or a script.
    with pytest.raises(ProtectedError), transaction.atomic():
        meeting.delete()
    assert MeetingPage.objects.filter(pk=meeting.pk).exists()


def test_approved_minutes_stay_open_to_inspection(
    client, clerk, admin_user, home_page, index, meeting
):
    """No view restriction on them or above them, the home page included,
    and no move under a page the public cannot see; a move under a
    published committee is fine."""
    before = HomePage.objects.get(pk=home_page.pk)
    assert before.permissions_for_user(admin_user).can_set_view_restrictions()
    approve(meeting)
    committee = meeting.get_parent().specific
    for user in (clerk, admin_user):
        for page in (meeting, committee, index, home_page):
            page.refresh_from_db()
            assert not page.permissions_for_user(user).can_set_view_restrictions()
    sign_in(client, admin_user)
    client.post(
        reverse("wagtailadmin_pages:set_privacy", args=(home_page.pk,)),
        {"restriction_type": "login"},
    )
    assert not PageViewRestriction.objects.exists()
    # One already there (from before the minutes were approved) can be lifted.
    PageViewRestriction.objects.create(page=index, restriction_type="login")
    index = CommitteeIndexPage.objects.get(pk=index.pk)
    assert index.permissions_for_user(admin_user).can_set_view_restrictions()
    client.post(
        reverse("wagtailadmin_pages:set_privacy", args=(index.pk,)),
        {"restriction_type": "none"},
    )
    assert not PageViewRestriction.objects.exists()
    # An expiry date would unpublish them by the scheduler: refused.
    for page in (HomePage.objects.get(pk=home_page.pk), meeting):
        page.expire_at = timezone.now() + datetime.timedelta(days=1)
        with pytest.raises(ValidationError) as raised:
            page.full_clean()
        assert "expire_at" in raised.value.message_dict
    # Nor copied, nor aliased: one record of the meeting.
    response = client.get(
        reverse("wagtailadmin_pages:copy", args=(meeting.pk,)), follow=True
    )
    assert "cannot be copied" in text(soup(response).select_one(".messages"))
    draft = CommitteePageFactory(parent=index, title="Draft panel", live=False)
    published = CommitteePageFactory(parent=index, title="Scrutiny")
    sign_in(client, clerk)

    def move(destination):
        client.post(
            reverse(
                "wagtailadmin_pages:move_confirm", args=(meeting.pk, destination.pk)
            )
        )
        meeting.refresh_from_db()
        return meeting.get_parent().pk

    assert move(draft) == committee.pk
    assert move(published) == published.pk

    # Nor in bulk (Wagtail's bulk move asks the tester about the destination).
    url = reverse("wagtail_bulk_action", args=("wagtailcore", "page", "move"))
    client.post(f"{url}?id={meeting.pk}", {"chooser": draft.pk})
    meeting.refresh_from_db()
    assert meeting.get_parent().pk == published.pk
    client.post(f"{url}?id={meeting.pk}", {"chooser": committee.pk})
    meeting.refresh_from_db()
    assert meeting.get_parent().pk == committee.pk


def test_meetings_without_approved_minutes_can_still_be_deleted(clerk, meeting):
    assert meeting.permissions_for_user(clerk).can_delete()
    meeting.minutes_status = MinutesStatus.DRAFT
    meeting.save()
    assert meeting.permissions_for_user(clerk).can_delete()


def test_draft_minutes_are_not_locked(clerk, admin_user, meeting, item):
    assert meeting.get_lock() is None
    assert item.get_lock() is None


def test_done_when_the_seed_item_reaches_the_register_and_the_tracker(
    client, clerk, meeting, index
):
    """The issue's "done when": democratic services record the seed's item in
    the admin, a resident reads it, and its resolutions and actions appear in
    the decisions register and the action tracker."""
    sign_in(client, clerk)
    people = [PersonFactory().pk for _ in range(3)]
    add_item = reverse(
        "wagtailadmin_pages:add", args=("committees", "agendaitempage", meeting.pk)
    )
    assert client.post(add_item, seed_item_form(meeting, people)).status_code == 302
    item = AgendaItemPage.objects.get(slug="empowering-our-communities")
    third = item.resolutions.get(sort_order=2)
    action = nested_form_data(
        {
            "description": "Bring a progress report to the board.",
            "resolution": str(third.pk),
            "agenda_item": "",
            "owner": str(people[0]),
            "due_on": "",
            "status": "open",
            "updates": inline_formset(
                [{"noted_on": "2026-11-20", "note": "Drafting has started."}]
            ),
        }
    )
    response = client.post(reverse("committees_action_modeladmin_create"), action)
    assert response.status_code == 302

    client.logout()
    reading = client.get(item.url).content.decode()
    assert "Resolution 3." in reading
    assert "Bring a progress report to the board." in reading

    register = soup(client.get(index.url + "decisions/"))
    entries = register.select(f'a[href^="{item.url}#resolution-"]')
    assert {a["href"] for a in entries} == {
        f"{item.url}#resolution-{n}" for n in (1, 2, 3)
    }
    tracker = client.get(index.url + "actions/").content.decode()
    assert "Bring a progress report to the board." in tracker
    assert "Drafting has started." in tracker
