import logging
import secrets

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from core.staff_mail import password_link, tell_staff
from core.two_factor.devices import forget

logger = logging.getLogger("engage.security")


class Command(BaseCommand):
    help = (
        "Forget a person's authenticator app and recovery codes, for when they "
        "have lost both. Their password is replaced too, and they are sent a "
        "link to set a new one: whoever signs in next sets up the new app, so "
        "it must be the person who can read their email, not whoever may know "
        "the old password."
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
        # A password nobody knows (not an unusable one: Django's reset form
        # skips those), which also ends every session the person has.
        user.set_password(secrets.token_urlsafe(32))
        user.save(update_fields=["password"])
        logger.warning("Two-factor authentication reset for user %s", user.pk)
        link = password_link(user)
        self.stdout.write(
            f"Reset two-factor authentication for {username} ({removed} records "
            "removed) and replaced their password."
        )
        if tell_staff(
            user,
            "set a new password and authenticator app",
            "core/email/two_factor_reset.txt",
            link=link,
        ):
            self.stdout.write(f"Emailed {user.email} a link to set a new password.")
        else:
            self.stdout.write(
                "They have no email address, or it could not be sent: give them "
                f"this link yourself, once you are sure who they are:\n{link}"
            )
