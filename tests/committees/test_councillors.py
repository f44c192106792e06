"""Councillors' pages (/meetings-and-decisions/councillors/): the committees
each sits on, their attendance at meetings with published minutes, and the
interests they declared, from public records only."""

import datetime

import pytest
from wagtail.models import PageViewRestriction

from committees.enums import (
    AttendanceStatus,
    InterestCategory,
    MeetingStatus,
    MinutesStatus,
    PersonKind,
)
from committees.factories import (
    AgendaItemPageFactory,
    CommitteeMembershipFactory,
    CommitteePageFactory,
    DeclarationFactory,
    MeetingAttendanceFactory,
    PersonFactory,
)
from committees.people import RegisteredInterest
from tests.committees.conftest import meeting_with_minutes, uk
from tests.html import soup, text
from tests.queries import count_queries

pytestmark = pytest.mark.django_db


def directory_url(index):
    return index.url + index.reverse_subpage("councillors")


def profile_url(index, person):
    return index.url + index.reverse_subpage("councillor", args=(person.slug,))


@pytest.fixture
def people(index, board, scrutiny):
    chair = PersonFactory(name="Margaret Oyelaran", role_title="Cabinet Member")
    member = PersonFactory(name="Owen Hargreaves")
    officer = PersonFactory(name="Helen Marsh", kind=PersonKind.OFFICER, title="")
    hidden = PersonFactory(name="Secret Member")
    CommitteeMembershipFactory(page=board, person=chair, role="chair")
    CommitteeMembershipFactory(page=scrutiny, person=chair)
    CommitteeMembershipFactory(page=board, person=member)
    CommitteeMembershipFactory(page=board, person=officer)
    private = CommitteePageFactory(parent=index, title="Private panel")
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.LOGIN
    )
    CommitteeMembershipFactory(page=private, person=hidden)
    CommitteeMembershipFactory(page=private, person=member)
    return {"chair": chair, "member": member, "officer": officer, "hidden": hidden}


def test_the_directory_lists_councillors_on_public_committees(client, index, people):
    response = client.get(directory_url(index))
    assert response.status_code == 200
    cards = soup(response).select(".engage-card")
    assert [text(card.find("h2")) for card in cards] == [
        "Cllr Owen Hargreaves",
        "Cllr Margaret Oyelaran",
    ]
    assert "Private panel" not in response.text
    assert text(cards[1]).endswith(
        "Health and Wellbeing Board (chair); Overview and Scrutiny"
    )


def test_officers_and_councillors_only_on_hidden_committees_have_no_page(
    client, index, people
):
    for key in ("officer", "hidden"):
        assert client.get(profile_url(index, people[key])).status_code == 404
    assert client.get(directory_url(index) + "nobody/").status_code == 404


def test_attendance_counts_meetings_held_with_minutes_out(
    client, index, board, scrutiny, people
):
    chair = people["chair"]
    held = [meeting_with_minutes(board, uk(2026, month, 10)) for month in (1, 2, 3, 4)]
    for meeting, status in zip(
        held,
        [
            AttendanceStatus.PRESENT,
            AttendanceStatus.SUBSTITUTE,
            AttendanceStatus.APOLOGIES,
            AttendanceStatus.ABSENT,
        ],
        strict=True,
    ):
        MeetingAttendanceFactory(page=meeting, person=chair, status=status)
    # None of these count: minutes not out, cancelled, not public.
    unminuted = meeting_with_minutes(
        board, uk(2026, 5, 10), minutes_status=MinutesStatus.NONE
    )
    cancelled = meeting_with_minutes(
        board, uk(2026, 6, 10), status=MeetingStatus.CANCELLED
    )
    restricted = meeting_with_minutes(scrutiny, uk(2026, 6, 11))
    PageViewRestriction.objects.create(
        page=restricted, restriction_type=PageViewRestriction.LOGIN
    )
    for meeting in (unminuted, cancelled, restricted):
        MeetingAttendanceFactory(page=meeting, person=chair)

    section = soup(client.get(profile_url(index, chair))).find(id="attendance")
    records = {
        text(heading): [text(value) for value in heading.find_next("dl").select("dd")]
        for heading in section.find_parent("section").find_all("h3")
    }
    assert records == {
        "Health and Wellbeing Board": ["4 meetings", "2", "1", "1"],
        "Overview and Scrutiny": ["0 meetings", "0", "0", "0"],
    }


def test_declarations_come_from_published_minutes_only(client, index, board, people):
    chair = people["chair"]
    out = meeting_with_minutes(board, uk(2026, 3, 10))
    not_out = meeting_with_minutes(
        board, uk(2026, 4, 10), minutes_status=MinutesStatus.NONE
    )
    DeclarationFactory(
        page=AgendaItemPageFactory(parent=out, item_number="4", title="Grants"),
        person=chair,
        nature="Trustee of Northvale Voluntary Action",
    )
    DeclarationFactory(
        page=AgendaItemPageFactory(parent=not_out, title="Not yet"),
        person=chair,
        nature="SECRET not yet published",
    )
    section = soup(client.get(profile_url(index, chair))).find(id="declarations")
    said = text(section.find_parent("section"))
    assert "Item 4: Grants" in said
    assert "Trustee of Northvale Voluntary Action" in said
    assert "SECRET" not in said


def test_a_committee_page_links_its_councillors(client, index, board, people):
    document = soup(client.get(board.url))
    links = {text(a): a["href"] for a in document.select(".engage-members a")}
    assert links == {
        "Cllr Margaret Oyelaran": profile_url(index, people["chair"]),
        "Cllr Owen Hargreaves": profile_url(index, people["member"]),
    }
    assert "Helen Marsh" in text(document.select_one(".engage-members"))

    # A restricted committee's councillors may have no page: not linked.
    PageViewRestriction.objects.create(
        page=board, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    client.post(
        f"/_util/authenticate_with_password/{board.view_restrictions.get().pk}/{board.pk}/",
        {"password": "x", "return_url": board.url},
    )
    document = soup(client.get(board.url))
    assert "Cllr Owen Hargreaves" in text(document.select_one(".engage-members"))
    assert not document.select(".engage-members a")


def register_rows(response):
    section = soup(response).find(id="register").find_parent("section")
    return {
        text(row.dt): text(row.dd) for row in section.select(".govuk-summary-list__row")
    }


def test_the_register_of_interests_lists_every_category(client, index, people):
    chair = people["chair"]
    assert "has not been published here yet" in text(
        soup(client.get(profile_url(index, chair))).find(id="register").parent
    )
    chair.interests_updated_on = datetime.date(2026, 5, 20)
    chair.registered_interests = [
        RegisteredInterest(
            category=InterestCategory.EMPLOYMENT, description="Solicitor, Oyelaran & Co"
        ),
        RegisteredInterest(
            category=InterestCategory.LAND, description="Home: 4 Mill Lane, Northvale"
        ),
        RegisteredInterest(
            category=InterestCategory.LAND,
            description="SECRET refuge address",
            sensitive=True,
        ),
    ]
    chair.save()
    response = client.get(profile_url(index, chair))
    rows = register_rows(response)
    assert list(rows) == [label for _, label in InterestCategory.choices]
    assert rows["Employment, office, trade, profession or vocation"] == (
        "Solicitor, Oyelaran & Co"
    )
    assert rows["Land"].startswith("Home: 4 Mill Lane, Northvale An interest whose")
    assert rows["Sponsorship"] == "None"
    assert "SECRET" not in response.text
    assert "last updated 20 May 2026" in text(soup(response).find(id="register").parent)


def test_people_with_the_same_name_get_their_own_address():
    first = PersonFactory(name="Sam Jones")
    second = PersonFactory(name="Sam Jones")
    assert (first.slug, second.slug) == ("sam-jones", "sam-jones-2")
    first.name = "Samantha Jones"
    first.save()
    assert first.slug == "sam-jones"  # kept, so links go on working
    first.slug = ""  # as democratic services may, after a change of name
    first.save()
    assert first.slug == "samantha-jones"
    second.slug = ""
    second.save()
    assert second.slug == "sam-jones"  # free again
    second.slug = "Sam-Jones-Leeds"
    second.full_clean()  # as the admin's form does
    assert second.slug == "sam-jones-leeds"


def test_the_query_count_does_not_grow_with_the_records(client, index, board, people):
    chair = people["chair"]
    meeting = meeting_with_minutes(board, uk(2026, 1, 10))
    MeetingAttendanceFactory(page=meeting, person=chair)
    few = (
        count_queries(client, directory_url(index)),
        count_queries(client, profile_url(index, chair)),
    )
    for n in range(8):
        committee = CommitteePageFactory(parent=index, title=f"Panel {n}")
        CommitteeMembershipFactory(page=committee, person=chair)
        CommitteeMembershipFactory(page=committee)
        meeting = meeting_with_minutes(committee, uk(2026, 2, n + 1))
        MeetingAttendanceFactory(page=meeting, person=chair)
        item = AgendaItemPageFactory(parent=meeting)
        DeclarationFactory(page=item, person=chair)
    assert (
        count_queries(client, directory_url(index)),
        count_queries(client, profile_url(index, chair)),
    ) == few


def test_democratic_services_keep_the_register_in_the_admin(
    client, django_user_model, people
):
    from wagtail.test.utils.form_data import inline_formset, nested_form_data

    from tests.staff import sign_in, staff

    chair = people["chair"]
    sign_in(client, staff(django_user_model, "ds", "Democratic services"))
    url = f"/admin/snippets/committees/person/edit/{chair.pk}/"
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        nested_form_data(
            {
                "title": "Cllr",
                "name": chair.name,
                "role_title": chair.role_title,
                "organisation": chair.organisation,
                "kind": "councillor",
                "interests_updated_on": "2026-05-20",
                "registered_interests": inline_formset(
                    [{"category": "securities", "description": "Shares in a bank"}]
                ),
            }
        ),
    )
    assert response.status_code == 302
    chair.refresh_from_db()
    assert chair.interests_updated_on == datetime.date(2026, 5, 20)
    assert [i.description for i in chair.registered_interests.all()] == [
        "Shares in a bank"
    ]


def test_a_page_address_taken_at_the_last_moment_is_chosen_again(monkeypatch):
    from committees import people

    PersonFactory(name="Jo Bloggs")
    chosen = iter(["jo-bloggs"])  # what a save running alongside also chose
    real = people.unique_slug
    monkeypatch.setattr(
        people, "unique_slug", lambda name, **kw: next(chosen, None) or real(name, **kw)
    )
    twin = PersonFactory(name="Jo Bloggs")
    assert twin.slug == "jo-bloggs-2"
