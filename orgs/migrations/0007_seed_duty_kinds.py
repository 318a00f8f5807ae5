"""Kinds of executive members' duties (执委履职) as the reports name them, with their points in
the yearly review, and the review's other weights. District admins edit them afterwards; code
refers to `code`."""

from decimal import Decimal

from django.db import migrations

KINDS = [  # code, name_zh, name_en, points, passes up
    ("contact", "联系服务妇女", "Keeping in touch with and serving women", "1", False),
    ("activity", "参加或组织活动", "Taking part in or organizing an activity", "2", False),
    ("voice", "反映社情民意/诉求", "Passing up women's voices and needs", "3", True),
    ("mediation", "调解矛盾", "Mediating a dispute", "3", False),
    ("lecture", "宣讲", "Outreach talk", "2", False),
    ("pairing", "结对帮扶", "Pairing support for a woman or family in need", "2", False),
    ("meeting", "参加会议", "Attending a meeting", "1", False),
    ("other", "其他", "Other", "1", False),
]


def seed(apps, schema_editor):
    DutyKind = apps.get_model("orgs", "DutyKind")
    for order, (code, zh, en, weight, passes_up) in enumerate(KINDS, start=1):
        DutyKind.objects.update_or_create(code=code, defaults={
            "name_zh": zh, "name_en": en, "order": order, "weight": Decimal(weight),
            "passes_up": passes_up})
    apps.get_model("orgs", "ReviewWeights").objects.get_or_create(pk=1)


class Migration(migrations.Migration):
    dependencies = [("orgs", "0006_executive_duties")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
