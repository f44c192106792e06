"""Places on a table of their own, with ONS codes, postcodes and the "Your
area" page; whoever managed places in the stories app still does."""

import django.db.models.deletion
import wagtail.contrib.routable_page.models
import wagtail.fields
from django.db import migrations, models

import core.routing


def move_content_type(apps, schema_editor):
    """The place model's content type moves with it: every group's and
    user's permissions on places, and the admin's history of each place, are
    tied to it and so are kept."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    if not ContentType.objects.filter(app_label="places", model="area").exists():
        ContentType.objects.filter(app_label="stories", model="area").update(
            app_label="places"
        )


def move_content_type_back(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    if not ContentType.objects.filter(app_label="stories", model="area").exists():
        ContentType.objects.filter(app_label="places", model="area").update(
            app_label="stories"
        )


class Migration(migrations.Migration):
    dependencies = [
        ("places", "0001_initial"),
        ("stories", "0004_places_move_to_the_places_app"),
        ("contenttypes", "0002_remove_content_type_name"),
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
        migrations.AddConstraint(
            model_name="area",
            constraint=models.UniqueConstraint(
                condition=models.Q(("code", ""), _negated=True),
                fields=("code",),
                name="places_area_unique_ons_code",
                violation_error_message="Another place has this ONS code.",
            ),
        ),
        migrations.RunPython(move_content_type, move_content_type_back),
    ]
