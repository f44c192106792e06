"""An index of the pages that are not live, by path.

The public registers, the action tracker and the open data leave out records
under an unpublished page (committees.querysets.unpublished_at_or_above): a
NOT EXISTS over the pages that are not live. Without an index PostgreSQL read
the whole page table for it on every request; few pages are not live, so this
partial index answers it at once. Both databases support partial indexes.

(Since then the site finds those pages once per content generation,
core.querysets.unpublished_sections, which this index serves as well.)"""

from django.db import migrations

INDEX = "engage_page_not_live_path"


def create_index(apps, schema_editor):
    table = schema_editor.quote_name(
        apps.get_model("wagtailcore", "Page")._meta.db_table
    )
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {INDEX} ON {table} (path) WHERE NOT live"
    )


def drop_index(apps, schema_editor):
    schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [
        ("committees", "0006_action_due_order_index"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
    ]

    operations = [migrations.RunPython(create_index, drop_index)]
