"""Clear any default answer saved on a tick box or choice question before
editors were stopped from setting one (QUALITY PRIV-01): otherwise the next
edit of that consultation would fail validation until someone cleared it."""

from django.db import migrations

# As consultations.forms.NOTHING_CHOSEN_FOR_RESIDENTS when this was written.
CHOICE_TYPES = ["checkbox", "checkboxes", "radio", "dropdown", "multiselect"]


def clear_defaults(apps, schema_editor):
    QuestionField = apps.get_model("consultations", "QuestionField")
    QuestionField.objects.filter(field_type__in=CHOICE_TYPES).exclude(
        default_value=""
    ).update(default_value="")


class Migration(migrations.Migration):
    dependencies = [("consultations", "0005_closing_order_index")]

    operations = [migrations.RunPython(clear_defaults, migrations.RunPython.noop)]
