"""Places on a table of their own, with ONS codes, postcodes and the "Your
area" page; the staff who managed places in the stories app still do."""

import django.db.models.deletion
import wagtail.contrib.routable_page.models
import wagtail.fields
from django.db import migrations, models

import core.routing
from core.grants import grant_model_permissions, revoke_model_permissions

GRANTS = {
    "Editors": ("add", "change", "view"),
    "Moderators": ("add", "change", "delete", "view"),
}


def grant(apps, schema_editor):
    grant_model_permissions(apps, "places", ("area",), GRANTS)
    revoke_model_permissions(apps, "stories", ("area",), GRANTS)


def revoke(apps, schema_editor):
    revoke_model_permissions(apps, "places", ("area",), GRANTS)
    grant_model_permissions(apps, "stories", ("area",), GRANTS)


class Migration(migrations.Migration):
    dependencies = [
        ("places", "0001_initial"),
        ("stories", "0004_places_move_to_the_places_app"),
        ("core", "0002_staff_groups"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
    ]

    operations = [
        migrations.CreateModel(
            name="AreaIndexPage",
            fields=[
                (
                    "page_ptr",
                    models.OneToOneField(
                        auto_created=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        parent_link=True,
                        primary_key=True,
                        serialize=False,
                        to="wagtailcore.page",
                    ),
                ),
                ("intro", wagtail.fields.RichTextField(blank=True)),
            ],
            options={
                "abstract": False,
            },
            bases=(
                core.routing.FewerQueriesPageMixin,
                wagtail.contrib.routable_page.models.RoutablePageMixin,
                "wagtailcore.page",
            ),
        ),
        migrations.AddField(
            model_name="area",
            name="code",
            field=models.CharField(
                blank=True,
                db_index=True,
                help_text='The Office for National Statistics code, for example "E05012345" for a ward: postcodes are matched to wards by it.',
                max_length=9,
                verbose_name="ONS code",
            ),
        ),
        migrations.AlterField(
            model_name="area",
            name="slug",
            field=models.SlugField(
                help_text='The end of the place\'s page address, for example "eastside" for /your-area/eastside/.',
                max_length=100,
                unique=True,
                verbose_name="Page address",
            ),
        ),
        migrations.AlterModelTable(
            name="area",
            table=None,
        ),
        migrations.CreateModel(
            name="Postcode",
            fields=[
                (
                    "postcode",
                    models.CharField(max_length=8, primary_key=True, serialize=False),
                ),
                (
                    "ward",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="postcodes",
                        to="places.area",
                    ),
                ),
            ],
        ),
        migrations.RunPython(grant, revoke),
    ]
