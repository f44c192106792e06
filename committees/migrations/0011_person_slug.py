from django.db import migrations, models
from django.utils.text import slugify


def give_everyone_a_slug(apps, schema_editor):
    Person = apps.get_model("committees", "Person")
    taken = set()
    for person in Person.objects.order_by("pk"):
        base = slugify(person.name)[:160] or "person"
        slug, number = base, 1
        while slug in taken:
            number += 1
            slug = f"{base}-{number}"
        taken.add(slug)
        person.slug = slug
        person.save(update_fields=["slug"])


class Migration(migrations.Migration):
    dependencies = [("committees", "0010_call_in_outcome")]

    operations = [
        migrations.AddField(
            model_name="person",
            name="slug",
            field=models.SlugField(
                max_length=170, null=True, editable=False, db_index=False
            ),
        ),
        migrations.RunPython(give_everyone_a_slug, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="person",
            name="slug",
            field=models.SlugField(max_length=170, unique=True, editable=False),
        ),
    ]
