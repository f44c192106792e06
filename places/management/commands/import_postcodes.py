"""Load which ward each postcode is in from the ONS postcode directory (the
National Statistics Postcode Lookup, or ONSPD), a CSV of every UK postcode.
Only postcodes in wards listed in the admin (by their ONS code) are kept."""

import csv

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from core import content_generation
from places.models import Area, Postcode
from places.postcodes import normalise

BATCH = 5_000


class Command(BaseCommand):
    help = __doc__.split("\n\n")[0].replace("\n", " ")

    def add_arguments(self, parser):
        parser.add_argument("csv_file", help="The directory's CSV file.")
        parser.add_argument(
            "--postcode-column",
            default="pcds",
            help='The column of postcodes (default "pcds").',
        )
        parser.add_argument(
            "--ward-column",
            default="wd25cd",
            help='The column of ward codes (default "wd25cd"; the directory '
            "names it after the year the ward boundaries date from).",
        )
        parser.add_argument(
            "--replace",
            action="store_true",
            help="Remove every postcode loaded before, for a new edition.",
        )

    def handle(self, csv_file, postcode_column, ward_column, replace, **options):
        wards = dict(
            Area.objects.filter(kind="ward").exclude(code="").values_list("code", "pk")
        )
        if not wards:
            raise CommandError(
                "No ward has an ONS code: add the codes to the wards in the "
                "admin (Places) first."
            )
        try:
            with open(csv_file, newline="", encoding="utf-8-sig") as source:
                loaded, skipped, wards_found = self.load(
                    csv.DictReader(source), postcode_column, ward_column, wards, replace
                )
        except OSError as error:
            raise CommandError(f"Cannot read {csv_file}: {error.strerror}") from None
        except UnicodeDecodeError:
            raise CommandError(f"{csv_file} is not a UTF-8 CSV file") from None
        content_generation.bump()
        self.stdout.write(
            self.style.SUCCESS(
                f"Loaded {loaded:,} postcodes in {wards_found} of the "
                f"{len(wards)} wards with ONS codes; "
                f"{skipped:,} rows could not be read."
            )
        )

    @transaction.atomic
    def load(self, rows, postcode_column, ward_column, wards, replace):
        missing = {postcode_column, ward_column} - set(rows.fieldnames or ())
        if missing:
            raise CommandError(
                f"The file has no column {', '.join(sorted(missing))}: name the "
                "right ones with --postcode-column and --ward-column."
            )
        if replace:
            Postcode.objects.all().delete()
        loaded = skipped = 0
        wards_found = set()
        # By postcode: one row a batch, as an upsert cannot touch a row twice.
        batch = {}
        for row in rows:
            ward = wards.get(row[ward_column])
            if ward is None:
                continue
            postcode = normalise(row[postcode_column])
            if postcode is None:
                skipped += 1
                continue
            batch[postcode] = Postcode(postcode=postcode, ward_id=ward)
            wards_found.add(ward)
            if len(batch) >= BATCH:
                loaded += self.save(batch.values())
                batch = {}
        loaded += self.save(batch.values())
        return loaded, skipped, len(wards_found)

    @staticmethod
    def save(batch) -> int:
        # A postcode moved to another ward in a new edition takes its new ward.
        batch = list(batch)
        Postcode.objects.bulk_create(
            batch,
            update_conflicts=True,
            unique_fields=["postcode"],
            update_fields=["ward"],
        )
        return len(batch)
