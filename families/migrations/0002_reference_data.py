"""Reference data from real federation reports (DOMAIN.md §2.2–2.3); editable in the admin."""

from decimal import Decimal

from django.db import migrations

CRITERIA_SETS = {
    "five_good": ("五好家庭标准", "Five-good family criteria", [
        ("patriotic", "爱国守法、明礼诚信", "Patriotic, law-abiding and honest"),
        ("harmonious", "夫妻和睦、孝老爱亲", "Harmonious marriage, caring for elders"),
        ("learning", "学习进取、科学教子", "Keen to learn, sound parenting"),
        ("neighbourly", "邻里融洽、友爱互助", "Good neighbours, mutual help"),
        ("green", "低碳生活、热心公益", "Low-carbon life, public-spirited"),
    ]),
    "most_beautiful": ("最美家庭标准", "Most-beautiful family criteria", [
        ("marriage", "夫妻和睦", "Harmonious marriage"),
        ("elders", "尊老爱幼", "Respect for elders, care for children"),
        ("parenting", "科学教子", "Sound parenting"),
        ("thrift", "勤俭持家", "Thrift"),
        ("neighbours", "邻里互助", "Neighbourly help"),
    ]),
    "civilised": ("文明家庭标准", "Civilised family standards", [
        ("law", "爱国守法", "Patriotic and law-abiding"),
        ("courtesy", "遵德守礼", "Moral and courteous"),
        ("equality", "平等和谐", "Equal and harmonious"),
        ("integrity", "敬业诚信", "Dedicated and honest"),
        ("upbringing", "家教良好", "Good upbringing"),
        ("tradition", "家风淳朴", "Plain family ways"),
        ("frugal", "绿色节俭", "Green and frugal"),
        ("public", "热心公益", "Public-spirited"),
    ]),
}

HONOUR_TYPES = [  # code, zh, en, subject, criteria set
    ("most_beautiful_family", "最美家庭", "Most beautiful family", "family", "most_beautiful"),
    ("five_good_family", "五好文明家庭", "Five-good civilised family", "family", "five_good"),
    ("harmony_model_family", "和谐家庭标兵户", "Model harmonious family", "family", None),
    ("safe_family", "平安家庭", "Safe family", "family", None),
    ("green_family", "绿色家庭", "Green family", "family", None),
    ("reading_family", "书香家庭", "Reading family", "family", None),
    ("civilised_family", "文明家庭", "Civilised family", "family", "civilised"),
    ("filial_family", "孝德家庭", "Filial family", "family", None),
    ("model_army_wife", "最美军嫂", "Most beautiful army wife", "individual", None),
    ("good_mother_in_law", "好婆婆", "Good mother-in-law", "individual", None),
    ("good_daughter_in_law", "好媳妇", "Good daughter-in-law", "individual", None),
    ("march8_red_banner", "三八红旗手", "March 8th Red-Banner Holder", "individual", None),
    ("women_achievers", "巾帼建功先进个人", "Women's achievement pacesetter", "individual", None),
    ("forest_chief", "最美巾帼林长", "Most beautiful woman forest chief", "individual", None),
    ("march8_collective", "三八红旗集体", "March 8th Red-Banner Collective", "collective", None),
    ("civilised_post", "巾帼文明岗", "Women's model workplace", "collective", None),
    ("achievers_collective", "巾帼建功先进集体", "Women's achievement collective", "collective",
     None),
]

LEVELS = [
    ("national", "全国", "National"),
    ("national_nominee", "全国提名", "National nominee"),
    ("provincial", "省级", "Provincial"),
    ("city", "市级", "City"),
    ("district", "区/县级", "District/county"),
    ("street", "街道/乡镇级", "Street/township"),
    ("community", "社区/村级", "Community/village"),
]

TIERS = [  # code, zh, en, threshold
    ("demonstration", "示范户", "Demonstration household", 90),
    ("premium", "精品户", "Premium household", 80),
    ("clean", "清洁户", "Clean household", 60),
]

CATEGORIES = [
    ("reading", "书香庭院", "Reading courtyard"),
    ("flowers", "花香庭院", "Flower courtyard"),
    ("honesty", "诚实守信庭院", "Honesty courtyard"),
    ("filial", "孝老爱亲庭院", "Filial courtyard"),
    ("eco", "绿色生态庭院", "Green ecology courtyard"),
    ("prosperity", "勤劳致富庭院", "Hard work and prosperity courtyard"),
    ("volunteer", "志愿奉献庭院", "Volunteer courtyard"),
    ("homestay", "民宿/农家乐", "Homestay / farm stay"),
]

SHEETS = {
    "four_beauties": ("四美评分表", "Four-beauties score sheet", True, [
        ("rooms", "居室美", "Beautiful rooms", 25),
        ("courtyard", "庭院美", "Beautiful courtyard", 25),
        ("kitchen_toilet", "厨厕美", "Beautiful kitchen and toilet", 25),
        ("family_ethos", "家风美", "Beautiful family ethos", 25),
    ]),
    "ten_items": ("十项评分表", "Ten-item score sheet", False, [
        ("yard_clean", "院落清洁", "Clean yard", 15),
        ("orderly", "物品摆放", "Orderly belongings", 10),
        ("livestock", "畜禽圈养", "Livestock penned", 10),
        ("toilet", "卫生厕所", "Sanitary toilet", 10),
        ("greening", "绿化", "Greening", 10),
        ("indoors", "室内整洁", "Tidy indoors", 10),
        ("kitchen", "厨厕卫生", "Clean kitchen and toilet", 10),
        ("waste", "垃圾分类", "Waste sorting", 10),
        ("family_rules", "家风家训", "Family rules", 10),
        ("economy", "庭院经济", "Courtyard economy", 5),
    ]),
}


def seed(apps, schema_editor):
    get = apps.get_model
    sets = {}
    for order, (code, (zh, en, criteria)) in enumerate(CRITERIA_SETS.items()):
        sets[code] = get("families", "CriteriaSet").objects.create(
            code=code, name_zh=zh, name_en=en, order=order)
        for i, (c, czh, cen) in enumerate(criteria):
            get("families", "Criterion").objects.create(
                criteria_set=sets[code], code=f"{code}-{c}".replace("_", "-"), name_zh=czh,
                name_en=cen, order=i)
    for order, (code, zh, en, subject, cset) in enumerate(HONOUR_TYPES):
        get("families", "HonourType").objects.create(
            code=code.replace("_", "-"), name_zh=zh, name_en=en, subject=subject, order=order,
            criteria_set=sets.get(cset))
    for order, (code, zh, en) in enumerate(LEVELS):
        get("families", "HonourLevel").objects.create(
            code=code.replace("_", "-"), name_zh=zh, name_en=en, order=order)
    for order, (code, zh, en, threshold) in enumerate(TIERS):
        get("families", "CourtyardTier").objects.create(
            code=code, name_zh=zh, name_en=en, order=order, min_score=Decimal(threshold))
    for order, (code, zh, en) in enumerate(CATEGORIES):
        get("families", "CourtyardCategory").objects.create(
            code=code, name_zh=zh, name_en=en, order=order)
    for order, (code, (zh, en, current, items)) in enumerate(SHEETS.items()):
        sheet = get("families", "ScoreSheet").objects.create(
            code=code.replace("_", "-"), name_zh=zh, name_en=en, order=order,
            is_current=current)
        for i, (c, izh, ien, points) in enumerate(items):
            get("families", "SheetItem").objects.create(
                sheet=sheet, code=c.replace("_", "-"), name_zh=izh, name_en=ien, order=i,
                max_points=Decimal(points))


def unseed(apps, schema_editor):
    for name in ("SheetItem", "ScoreSheet", "CourtyardCategory", "CourtyardTier",
                 "HonourLevel", "HonourType", "Criterion", "CriteriaSet"):
        apps.get_model("families", name).objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("families", "0001_initial")]
    operations = [migrations.RunPython(seed, unseed)]
