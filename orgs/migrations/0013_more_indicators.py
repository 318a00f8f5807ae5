# Indicators the reports state that the catalogue lacked: 巾帼林长's fire patrols (防火巡查次数),
# and the federation's own media, new-media posts (新媒体发布期数) and radio programmes
# (广播节目期数, "在区广播电台开通《妇联有约》栏目"). Each on its line of work with its phrase.

from django.db import migrations

#: code, name, English, unit, English unit, form section, line of work, summary phrase
INDICATORS = [
    ("fire_patrols", "防火巡查次数", "Fire patrols", "次", "patrols", "care", "volunteer",
     "组织巾帼护林队开展防火巡查{value}"),
    ("new_media_posts", "新媒体发布期数", "New-media issues published", "期", "issues",
     "outreach", "ideology", "通过妇联新媒体平台发布信息{value}"),
    ("radio_programmes", "广播节目期数", "Radio programmes broadcast", "期", "programmes",
     "outreach", "ideology", "播出妇联广播节目{value}"),
]


def seed(apps, schema_editor):
    groups = {g.code: g for g in apps.get_model("orgs", "IndicatorGroup").objects.all()}
    lines = {line.code: line for line in apps.get_model("federation", "LineOfWork").objects.all()}
    indicator_model = apps.get_model("orgs", "Indicator")
    for order, row in enumerate(INDICATORS, start=23):
        code, zh, en, unit, unit_en, group, line, phrase = row
        if group not in groups:
            continue
        indicator_model.objects.update_or_create(code=code, defaults=dict(
            name_zh=zh, name_en=en, unit=unit, unit_en=unit_en, group=groups[group],
            value_type="integer", line=lines.get(line), phrase=phrase, order=order * 10))


def unseed(apps, schema_editor):
    apps.get_model("orgs", "Indicator").objects.filter(
        code__in=[row[0] for row in INDICATORS]).delete()


class Migration(migrations.Migration):

    dependencies = [
        ("orgs", "0012_teams"),
        ("federation", "0009_plan_item_measure"),
    ]

    operations = [migrations.RunPython(seed, unseed)]
