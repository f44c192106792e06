"""Stories let go of places (now places.Area, on the same table): a change
to Django's record of the models only; no data moves."""

import modelcluster.fields
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("places", "0001_initial"),
        ("stories", "0003_staff_can_manage_quoted_people_and_places"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="storypage",
                    name="areas",
                    field=modelcluster.fields.ParentalManyToManyField(
                        blank=True,
                        related_name="stories",
                        to="places.area",
                        verbose_name="places",
                    ),
                ),
                migrations.DeleteModel(name="Area"),
            ],
            database_operations=[],
        ),
    ]
