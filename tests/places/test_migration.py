"""Places moved from the stories app to their own (places 0001-0002,
stories 0004): the rows and every permission on them come through."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

pytestmark = pytest.mark.django_db(transaction=True)

STORIES_0003 = ("stories", "0003_staff_can_manage_quoted_people_and_places")


def migrate(targets, state_at):
    """Migrate to `targets`; the models as of the migration(s) `state_at`."""
    MigrationExecutor(connection).migrate(targets)
    return MigrationExecutor(connection).loader.project_state(state_at).apps


def test_places_keep_their_rows_and_permissions_through_the_move():
    old = migrate([STORIES_0003, ("places", None)], STORIES_0003)
    Area = old.get_model("stories", "Area")
    Group = old.get_model("auth", "Group")
    Permission = old.get_model("auth", "Permission")
    ContentType = old.get_model("contenttypes", "ContentType")
    area = Area.objects.create(name="Eastside", slug="eastside", kind="ward")
    area_type, _ = ContentType.objects.get_or_create(app_label="stories", model="area")
    change, _ = Permission.objects.get_or_create(
        content_type=area_type, codename="change_area", defaults={"name": "Can change"}
    )
    comms = Group.objects.create(name="Communications team")
    comms.permissions.add(change)

    leaves = MigrationExecutor(connection).loader.graph.leaf_nodes()
    new = migrate(leaves, leaves)
    moved = new.get_model("places", "Area").objects.get()
    assert (moved.pk, moved.name, moved.kind) == (area.pk, "Eastside", "ward")
    granted = new.get_model("auth", "Group").objects.get(name="Communications team")
    assert [
        (p.content_type.app_label, p.codename) for p in granted.permissions.all()
    ] == [("places", "change_area")]
