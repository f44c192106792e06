"""Staff groups: Wagtail's own Editors and Moderators, plus Democratic services.

Editors draft (no publish); Moderators approve and publish; Democratic
services record committee business. Page permissions for the committees
section are granted where that section is created, because its pages do not
exist when this runs.
"""

from django.db import migrations

GROUP_NAMES = ("Editors", "Moderators", "Democratic services")
MEDIA_PERMISSIONS = {
    ("wagtaildocs", "document"): ("add_document", "change_document", "choose_document"),
    ("wagtailimages", "image"): ("add_image", "change_image", "choose_image"),
}


def create_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupCollectionPermission = apps.get_model(
        "wagtailcore", "GroupCollectionPermission"
    )

    admin_type, _ = ContentType.objects.get_or_create(
        app_label="wagtailadmin", model="admin"
    )
    access_admin, _ = Permission.objects.get_or_create(
        content_type=admin_type,
        codename="access_admin",
        defaults={"name": "Can access Wagtail admin"},
    )
    root_collection = Collection.objects.filter(depth=1).first()

    for name in GROUP_NAMES:
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(access_admin)
        if name != "Democratic services" or root_collection is None:
            continue
        for (app_label, model), codenames in MEDIA_PERMISSIONS.items():
            content_type, _ = ContentType.objects.get_or_create(
                app_label=app_label, model=model
            )
            for codename in codenames:
                permission, _ = Permission.objects.get_or_create(
                    content_type=content_type,
                    codename=codename,
                    defaults={"name": f"Can {codename.replace('_', ' ')}"},
                )
                GroupCollectionPermission.objects.get_or_create(
                    group=group, collection=root_collection, permission=permission
                )


def remove_democratic_services(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name="Democratic services").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0001_initial"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailimages", "0027_image_description"),
    ]

    operations = [migrations.RunPython(create_groups, remove_democratic_services)]
