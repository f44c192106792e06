"""Editors in the Wagtail admin: uploads are limited (QUALITY SEC-14) and page
bodies keep a valid heading outline (ACC-11)."""

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from home.models import StandardPage
from tests.staff import sign_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(django_user_model):
    user = django_user_model.objects.create_user("ed", password="not-a-real-password")
    user.groups.add(Group.objects.get(name="Editors"))
    return user


@pytest.fixture
def editor_client(client, editor):
    sign_in(client, editor)
    return client


def upload(client, name, content):
    return client.post(
        reverse("wagtaildocs:add"),
        {"title": name, "file": SimpleUploadedFile(name, content), "collection": 1},
    )


def test_editor_can_upload_a_pdf(editor_client):
    response = upload(editor_client, "report.pdf", b"%PDF-1.4 minimal")
    assert response.status_code == 302
    assert get_document_model().objects.filter(title="report.pdf").exists()


@pytest.mark.parametrize("name", ["page.html", "script.js", "image.svg", "run.exe"])
def test_document_types_outside_the_allow_list_are_refused(editor_client, name):
    response = upload(editor_client, name, b"<script>alert(1)</script>")
    assert response.status_code == 200
    assert not get_document_model().objects.exists()
    assert "file" in response.context["form"].errors


def test_oversized_documents_are_refused(editor_client, settings):
    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 1024
    response = upload(editor_client, "big.pdf", b"%PDF" + b"0" * 2048)
    assert response.status_code == 200
    assert not get_document_model().objects.exists()
    assert "too big" in str(response.context["form"].errors["file"])


def page_form(title, body_blocks):
    return nested_form_data(
        {
            "title": title,
            "slug": title.lower().replace(" ", "-"),
            "summary": "",
            "body": streamfield(body_blocks),
            "action-publish": "publish",
        }
    )


def test_a_skipped_heading_level_is_refused_in_the_editor(admin_client, home_page):
    url = reverse("wagtailadmin_pages:add", args=("home", "standardpage", home_page.pk))
    response = admin_client.post(
        url, page_form("Skips", [("rich_text", rich_text("<h2>A</h2><h4>B</h4>"))])
    )
    assert response.status_code == 200
    assert "cannot skip a level" in response.content.decode()
    assert not StandardPage.objects.filter(title="Skips").exists()


def test_a_well_outlined_page_is_published(admin_client, home_page):
    url = reverse("wagtailadmin_pages:add", args=("home", "standardpage", home_page.pk))
    response = admin_client.post(
        url, page_form("Fine", [("rich_text", rich_text("<h2>A</h2><h3>B</h3>"))])
    )
    assert response.status_code == 302
    assert StandardPage.objects.get(title="Fine").live


def test_editors_cannot_choose_a_time_zone_other_than_the_uk(editor_client):
    # Every time entered in the admin is UK time, as its panels say.
    response = editor_client.get(reverse("wagtailadmin_account"))
    assert response.status_code == 200
    assert 'name="locale-current_time_zone"' not in response.text
