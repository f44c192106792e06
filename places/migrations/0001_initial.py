"""Places moves here from the stories app, which had it until consultations
and committees needed places too. This migration only tells Django that the
model is now ours, on the table it already has; stories' next migration lets
go of it, and 0002 renames the table."""

from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("stories", "0003_staff_can_manage_quoted_people_and_places"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Area",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        ("name", models.CharField(max_length=100)),
                        ("slug", models.SlugField(max_length=100, unique=True)),
                        (
                            "kind",
                            models.CharField(
                                blank=True,
                                choices=[
                                    ("ward", "Ward"),
                                    ("parish", "Parish"),
                                    ("town", "Town"),
                                ],
                                max_length=10,
                            ),
                        ),
                    ],
                    options={"ordering": ["name"], "db_table": "stories_area"},
                ),
            ],
            database_operations=[],
        ),
    ]
