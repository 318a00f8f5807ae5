"""Each site activity recorded so far becomes an entry of the activity log (儿童友好)."""

from django.db import migrations


def forwards(apps, schema_editor):
    SiteEvent = apps.get_model("children", "SiteEvent")
    Activity = apps.get_model("orgs", "Activity")
    category = apps.get_model("orgs", "ActivityCategory").objects.get(code="child_friendly")
    for event in SiteEvent.objects.select_related("project").filter(activity__isnull=True):
        event.activity = Activity.objects.create(
            org_id=event.project.org_id, category=category, title=event.title,
            starts_on=event.held_on, place=event.project.name[:200],
            children=event.participants, participants=event.participants)
        event.save(update_fields=["activity"])


def backwards(apps, schema_editor):
    SiteEvent = apps.get_model("children", "SiteEvent")
    Activity = apps.get_model("orgs", "Activity")
    linked = []
    for event in SiteEvent.objects.select_related("activity").exclude(activity=None):
        event.title, event.held_on = event.activity.title, event.activity.starts_on
        event.participants = event.activity.children or 0
        linked.append(event.activity_id)
        event.activity = None
        event.save(update_fields=["title", "held_on", "participants", "activity"])
    Activity.objects.filter(pk__in=linked).delete()


class Migration(migrations.Migration):

    dependencies = [
        ('children', '0005_siteevent_activity'),
    ]

    operations = [
        migrations.RunPython(forwards, backwards),
    ]
