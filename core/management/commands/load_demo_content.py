from django.core.management.base import BaseCommand
from django.db import transaction

from committees import demo as committees_demo
from consultations import demo as consultations_demo
from home import demo as home_demo
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
        self.stdout.write(
            self.style.SUCCESS(f"Demo content ready under '{home.title}'.")
        )
