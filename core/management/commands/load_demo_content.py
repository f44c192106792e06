from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction

from committees import demo as committees_demo
from consultations import demo as consultations_demo
from home import demo as home_demo
from places import demo as places_demo
from stories import demo as stories_demo


class Command(BaseCommand):
    help = (
        "Build the demo site: home page, statutory pages, consultations, "
        "meetings and stories. Safe to run again: existing pages are kept."
    )

    @transaction.atomic
    def handle(self, *args, **options):
        home = home_demo.load()
        consultations_demo.load(home)
        committees_demo.load(home)
        stories_demo.load(home)
        places_demo.load(home)
        # Build site search's index in one pass: saves do not update it where
        # AUTO_UPDATE is off (the tests), and a rerun indexes pages kept from before.
        call_command("update_index", verbosity=0)
        self.stdout.write(
            self.style.SUCCESS(f"Demo content ready under '{home.title}'.")
        )
