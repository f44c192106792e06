"""An index for what site search actually asks. Wagtail's database backend
matches `title || body` against the query (wagtail/wagtail#6546), which the
index table's per-column GIN indexes cannot serve, so every search read the
whole index. With this index PostgreSQL looks the terms up instead. The
expression must stay exactly as the backend writes it."""

from django.db import migrations

INDEX = "search_indexentry_title_body_gin"


def table(apps, schema_editor) -> str:
    model = apps.get_model("wagtailsearch", "IndexEntry")
    return schema_editor.quote_name(model._meta.db_table)


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} "
            f"ON {table(apps, schema_editor)} USING gin ((title || body))"
        )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("wagtailsearch", "0010_add_text_fields")]

    operations = [migrations.RunPython(create_index, drop_index)]
