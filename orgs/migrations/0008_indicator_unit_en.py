"""Indicator units in English, shown when the reader uses English ("Outreach lectures
(sessions)", not "（场次）")."""

from django.db import migrations, models

UNITS_EN = {  # Chinese unit -> English
    "场次": "sessions",
    "人次": "person-times",
    "起": "cases",
    "件": "cases",
    "期": "courses",
    "人": "people",
    "元": "yuan",
    "户": "households",
    "次": "times",
    "个": "units",
    "家": "units",
    "万元": "10,000 yuan",
}


def seed(apps, schema_editor):
    indicator_model = apps.get_model("orgs", "Indicator")
    for indicator in indicator_model.objects.filter(unit_en=""):
        indicator.unit_en = UNITS_EN.get(indicator.unit, "")
        indicator.save(update_fields=["unit_en"])


class Migration(migrations.Migration):
    dependencies = [("orgs", "0007_seed_duty_kinds")]
    operations = [
        migrations.AddField(
            model_name="indicator", name="unit_en",
            field=models.CharField(blank=True, max_length=30, verbose_name="unit (English)")),
        migrations.AlterField(
            model_name="indicator", name="unit",
            field=models.CharField(max_length=10, verbose_name="unit (Chinese)")),
        migrations.RunPython(seed, migrations.RunPython.noop),
    ]
