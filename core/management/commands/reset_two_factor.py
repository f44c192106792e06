import logging

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from core.two_factor.devices import forget

logger = logging.getLogger("engage.security")


class Command(BaseCommand):
    help = (
        "Forget a person's authenticator app and recovery codes, for when they "
        "have lost both. They set up a new app at their next sign-in."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        User = get_user_model()
        try:
            user = User.objects.get(**{User.USERNAME_FIELD: username})
        except User.DoesNotExist:
            raise CommandError(f"There is no user called {username!r}.") from None
        removed = forget(user)
        logger.warning("Two-factor authentication reset for user %s", user.pk)
        self.stdout.write(
            f"Reset two-factor authentication for {username} ({removed} records "
            "removed). They will set up a new authenticator app when they next "
            "sign in."
        )
