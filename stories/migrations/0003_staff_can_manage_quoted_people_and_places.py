"""Editors and Moderators manage the people stories quote (and their consent)
and the places stories are about: without these permissions the snippets
would be invisible to the staff who write stories."""

from django.db import migrations

GRANTS = {
    "Editors": ("add", "change", "view"),
    "Moderators": ("add", "change", "delete", "view"),
}
MODELS = ("quotedperson", "area")


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    for group_name, actions in GRANTS.items():
        group = Group.objects.filter(name=group_name).first()
        if group is None:
            continue
        for model in MODELS:
            content_type, _ = ContentType.objects.get_or_create(
                app_label="stories", model=model
            )
            for action in actions:
                permission, _ = Permission.objects.get_or_create(
                    content_type=content_type,
                    codename=f"{action}_{model}",
                    defaults={"name": f"Can {action} {model}"},
                )
                group.permissions.add(permission)


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    for group in Group.objects.filter(name__in=GRANTS):
        group.permissions.remove(
            *Permission.objects.filter(
                content_type__app_label="stories", content_type__model__in=MODELS
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0002_staff_groups"),
        ("stories", "0002_tags_areas_quotes_related_and_story_blocks"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
