"""Honour types on their line of work: families' honours on 家庭文明建设, women's and
collectives' honours for work (巾帼文明岗, 三八红旗手 …) on 巾帼建功."""

from django.db import migrations

MERIT = ["march8-red-banner", "women-achievers", "forest-chief", "march8-collective",
         "civilised-post", "achievers-collective"]


def seed(apps, schema_editor):
    lines = {line.code: line for line in apps.get_model("federation", "LineOfWork").objects.all()}
    model = apps.get_model("families", "HonourType")
    model.objects.filter(code__in=MERIT).update(line=lines.get("merit"))
    model.objects.exclude(code__in=MERIT).update(line=lines.get("family"))


def unseed(apps, schema_editor):
    apps.get_model("families", "HonourType").objects.update(line=None)


class Migration(migrations.Migration):
    dependencies = [
        ("families", "0004_honour_type_line"),
        ("federation", "0007_lines_of_work"),
    ]

    operations = [migrations.RunPython(seed, unseed)]
