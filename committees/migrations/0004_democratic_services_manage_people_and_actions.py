"""Democratic services keep the people committees are made of and the
actions meetings agree; nobody else changes actions. (Their page permissions
are granted on the committees section itself: see committees/permissions.py.)"""

from django.db import migrations

from core.grants import grant_model_permissions, revoke_model_permissions

MODELS = ("person", "action", "actionupdate")
GRANTS = {"Democratic services": ("add", "change", "delete", "view")}


def grant(apps, schema_editor):
    grant_model_permissions(apps, "committees", MODELS, GRANTS)


def revoke(apps, schema_editor):
    revoke_model_permissions(apps, "committees", MODELS, GRANTS)


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0002_staff_groups"),
        ("committees", "0003_minutes_resolutions_actions"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
