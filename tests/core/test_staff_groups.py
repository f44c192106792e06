import pytest
from django.contrib.auth.models import Group
from wagtail.models import GroupCollectionPermission

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("name", ["Editors", "Moderators", "Democratic services"])
def test_each_staff_group_exists_and_can_reach_the_admin(name):
    group = Group.objects.get(name=name)
    assert group.permissions.filter(codename="access_admin").exists()


def test_democratic_services_can_upload_agenda_documents():
    group = Group.objects.get(name="Democratic services")
    codenames = set(
        GroupCollectionPermission.objects.filter(group=group).values_list(
            "permission__codename", flat=True
        )
    )
    assert {"add_document", "choose_document", "add_image"} <= codenames
