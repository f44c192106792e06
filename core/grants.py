"""Model permissions for staff groups, granted from data migrations.

Django creates a model's permissions only after all migrations have run, so
a migration that grants them creates any that do not exist yet."""


def grant_model_permissions(apps, app_label, models, grants):
    """grants: {group name: ("add", "change", ...)}; missing groups are skipped."""
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    for group_name, actions in grants.items():
        group = Group.objects.filter(name=group_name).first()
        if group is None:
            continue
        for model in models:
            content_type, _ = ContentType.objects.get_or_create(
                app_label=app_label, model=model
            )
            for action in actions:
                permission, _ = Permission.objects.get_or_create(
                    content_type=content_type,
                    codename=f"{action}_{model}",
                    defaults={"name": f"Can {action} {model}"},
                )
                group.permissions.add(permission)


def revoke_model_permissions(apps, app_label, models, group_names):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.filter(
        content_type__app_label=app_label, content_type__model__in=models
    )
    for group in Group.objects.filter(name__in=group_names):
        group.permissions.remove(*permissions)
