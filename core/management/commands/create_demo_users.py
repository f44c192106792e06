import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError

DEMO_USERS = (
    ("admin", None),
    ("editor", "Editors"),
    ("moderator", "Moderators"),
    ("democratic-services", "Democratic services"),
)


class Command(BaseCommand):
    help = (
        "Create one demo login per staff group, plus an administrator, with new "
        "random passwords printed here. Local development only."
    )

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("Demo users are for local development (DEBUG) only.")
        User = get_user_model()
        self.stdout.write("Demo logins for http://127.0.0.1:8000/admin/ (local only):")
        for username, group_name in DEMO_USERS:
            user, _ = User.objects.get_or_create(
                username=username, defaults={"email": f"{username}@example.invalid"}
            )
            password = secrets.token_urlsafe(12)
            user.set_password(password)
            user.is_staff = user.is_superuser = group_name is None
            user.save()
            if group_name:
                user.groups.set([Group.objects.get(name=group_name)])
            self.stdout.write(f"  {username:<20} {password}")
        self.stdout.write(
            "Each also needs a code from an authenticator app: the first sign-in "
            "shows a QR code to set one up."
        )
