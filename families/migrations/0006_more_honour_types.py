"""The honour types the district's reports name that the catalogue lacked (issue 14), each with
whom it is awarded to and its line of work: families' honours on 家庭文明建设, women's and
collectives' honours for work on 巾帼建功, 最美执委 on 固本强基 (the federations' own members).
和谐家庭标兵户, 最美巾帼林长, 最美军嫂 and 五好文明家庭 were seeded by 0002."""

from django.db import migrations

NEW_TYPES = [  # code, zh, en, subject, line, criteria set
    ("most-beautiful-model-family", "最美家庭标兵户", "Model most-beautiful family", "family",
     "family", "most_beautiful"),
    ("caring-family-unit", "关爱家庭示范单位", "Family-caring model workplace", "collective",
     "family", None),
    ("safe-family-community", "平安家庭示范社区", "Safe-family model community", "collective",
     "family", None),
    ("civilised-building", "文明楼院", "Civilised building", "collective", "family", None),
    ("good-neighbours", "好邻里", "Good neighbours", "family", "family", None),
    ("women-post-star", "巾帼岗位明星", "Women's workplace star", "individual", "merit", None),
    ("women-enterprise-star", "巾帼创业明星", "Women's enterprise star", "individual", "merit",
     None),
    ("party-member-model-post", "巾帼党员示范岗", "Women party members' model post",
     "collective", "merit", None),
    ("march8-red-banner-model", "三八红旗手标兵", "March 8th Red-Banner pacesetter",
     "individual", "merit", None),
    ("moral-model-nominee", "道德模范（提名）", "Moral model (nominee)", "individual", "merit",
     None),
    ("best-executive-member", "最美执委", "Most beautiful executive member", "individual",
     "organization", None),
]


def seed(apps, schema_editor):
    lines = {line.code: line for line in apps.get_model("federation", "LineOfWork").objects.all()}
    sets = {s.code: s for s in apps.get_model("families", "CriteriaSet").objects.all()}
    model = apps.get_model("families", "HonourType")
    start = (model.objects.order_by("-order").values_list("order", flat=True).first() or 0) + 1
    for order, (code, zh, en, subject, line, cset) in enumerate(NEW_TYPES, start=start):
        model.objects.update_or_create(code=code, defaults={
            "name_zh": zh, "name_en": en, "subject": subject, "order": order,
            "line": lines.get(line), "criteria_set": sets.get(cset)})


def unseed(apps, schema_editor):
    apps.get_model("families", "HonourType").objects.filter(
        code__in=[t[0] for t in NEW_TYPES], honour__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("families", "0005_honour_type_lines"),
        ("federation", "0007_lines_of_work"),
    ]

    operations = [migrations.RunPython(seed, unseed)]
