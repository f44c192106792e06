import django.db.models.deletion
from django.db import migrations, models

STEPLEN = 4  # wagtailcore Page.steplen


def link_items_to_their_meetings(apps, schema_editor):
    AgendaItemPage = apps.get_model("committees", "AgendaItemPage")
    MeetingPage = apps.get_model("committees", "MeetingPage")
    meeting_by_path = dict(MeetingPage.objects.values_list("path", "pk"))
    items = list(AgendaItemPage.objects.only("pk", "path"))
    for item in items:
        item.meeting_id = meeting_by_path.get(item.path[:-STEPLEN])
    AgendaItemPage.objects.bulk_update(items, ["meeting"], batch_size=2000)


class Migration(migrations.Migration):
    dependencies = [
        ("committees", "0004_democratic_services_manage_people_and_actions"),
    ]

    operations = [
        migrations.AddField(
            model_name="agendaitempage",
            name="meeting",
            field=models.ForeignKey(
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="committees.meetingpage",
            ),
        ),
        migrations.RunPython(link_items_to_their_meetings, migrations.RunPython.noop),
    ]
