"""Editors and Moderators manage the people stories quote (and their consent)
and the places stories are about: without these permissions the snippets
would be invisible to the staff who write stories."""

from django.db import migrations

from core.grants import grant_model_permissions, revoke_model_permissions

GRANTS = {
    "Editors": ("add", "change", "view"),
    "Moderators": ("add", "change", "delete", "view"),
}
MODELS = ("quotedperson", "area")


def grant(apps, schema_editor):
    grant_model_permissions(apps, "stories", MODELS, GRANTS)


def revoke(apps, schema_editor):
    revoke_model_permissions(apps, "stories", MODELS, GRANTS)


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0002_staff_groups"),
        ("stories", "0002_tags_areas_quotes_related_and_story_blocks"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
