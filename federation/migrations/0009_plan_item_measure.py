# A plan item is measured by any figure of the summary (a summary item's key), not only by a
# tally indicator: the indicator it named becomes the measure "tally:<code>".

from django.db import migrations, models


def indicator_to_measure(apps, schema_editor):
    PlanItem = apps.get_model("federation", "PlanItem")
    for item in PlanItem.objects.filter(indicator__isnull=False).select_related("indicator"):
        item.measure = f"tally:{item.indicator.code}"
        item.save(update_fields=["measure"])


def measure_to_indicator(apps, schema_editor):
    PlanItem = apps.get_model("federation", "PlanItem")
    Indicator = apps.get_model("orgs", "Indicator")
    for item in PlanItem.objects.filter(measure__startswith="tally:"):
        item.indicator = Indicator.objects.filter(code=item.measure[len("tally:"):]).first()
        item.save(update_fields=["indicator"])


class Migration(migrations.Migration):

    dependencies = [
        ('federation', '0008_summary_periods_and_plan'),
        ('orgs', '0010_lines_and_phrases'),
    ]

    operations = [
        migrations.AddField(
            model_name='planitem',
            name='measure',
            field=models.CharField(blank=True, help_text="The summary's figure that measures the task (a monthly tally indicator, an honour, a campaign, a registry): its target and progress are stated with that figure.", max_length=80, verbose_name='measured by'),
        ),
        migrations.RunPython(indicator_to_measure, measure_to_indicator),
        migrations.RemoveField(
            model_name='planitem',
            name='indicator',
        ),
    ]
