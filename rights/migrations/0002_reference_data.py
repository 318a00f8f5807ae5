"""Reference data from federation petition statistics (DOMAIN.md §2.4) and the handlers group."""

from django.db import migrations

CATEGORIES = [  # (code, zh, en, [(code, zh, en, small counts hidden)])
    ("marriage_family", "婚姻家庭权益", "Marriage and family rights", [
        ("domestic_violence", "家庭暴力", "Domestic violence", True),
        ("affair", "外遇/重婚/非法同居", "Affair, bigamy, illegal cohabitation", False),
        ("divorce_property", "离婚（财产）", "Divorce: property", False),
        ("divorce_housing", "离婚（住房）", "Divorce: housing", False),
        ("divorce_custody", "离婚（子女抚养）", "Divorce: child custody", True),
        ("divorce_enforcement", "离婚（执行）", "Divorce: enforcement", False),
        ("custody_visitation", "子女抚养/探望", "Child custody and visitation", True),
        ("elder_support", "赡养", "Support of elders", False),
        ("family_dispute", "家庭纠纷", "Family dispute", False),
        ("marriage_interference", "干涉婚姻自由", "Interference with free marriage", False),
        ("abandonment", "遗弃", "Abandonment", True),
        ("inheritance", "继承", "Inheritance", False),
        ("marriage_other", "其他", "Other", False),
    ]),
    ("labour_social", "劳动和社会保障权益", "Labour and social security rights", [
        ("labour", "劳动权益", "Labour rights", False),
        ("welfare", "社会保障/低保", "Welfare, minimum living allowance", False),
        ("social_insurance", "社会保险", "Social insurance", False),
        ("gender_discrimination", "性别歧视", "Gender discrimination", False),
    ]),
    ("property", "财产权益", "Property rights", [
        ("land_contract", "土地承包", "Land contracts", False),
        ("land_compensation", "征地补偿分配", "Land compensation", False),
        ("collective_income", "集体经济收益分配（出嫁女）",
         "Collective income (married-out daughters)", False),
        ("homestead", "宅基地", "Homestead", False),
        ("demolition", "住房拆迁", "Housing demolition", False),
    ]),
    ("personal", "人身权益", "Personal rights", [
        ("injury", "人身伤害", "Personal injury", False),
        ("sexual_violence", "性侵害/性骚扰", "Sexual assault or harassment", True),
    ]),
    ("culture_education", "文化教育权益", "Culture and education rights", []),
    ("political", "政治权利", "Political rights", []),
    ("general", "综合/其他", "General/other", []),
]
CHANNELS = [
    ("visit", "来访", "Visit"), ("letter", "来信", "Letter"),
    ("phone", "来电/12338", "Phone / 12338 hotline"), ("online", "网上", "Online"),
    ("screening", "走访排查发现", "Found on visits"), ("police", "公安推送", "Pushed by police"),
    ("higher", "上级转办", "Assigned from above"),
]
ACTION_TYPES = [  # (code, zh, en, is_referral, is_mediation)
    ("consultation", "咨询接待", "Consultation", False, False),
    ("home_visit", "上门走访", "Home visit", False, False),
    ("mediation", "调解", "Mediation session", False, True),
    ("legal_aid_referral", "法律援助转介", "Legal-aid referral", True, False),
    ("referral_police", "转介公安", "Referral to police", True, False),
    ("referral_court", "转介法院", "Referral to court", True, False),
    ("referral_civil_affairs", "转介民政", "Referral to civil affairs", True, False),
    ("referral_school", "转介学校", "Referral to school", True, False),
    ("protection_order", "协助申请人身安全保护令", "Help with a personal safety protection order",
     False, False),
    ("warning_letter", "家暴告诫书跟进", "Follow-up of a police warning letter", False, False),
    ("shelter", "庇护救助", "Shelter", False, False),
    ("counselling", "心理疏导", "Counselling", False, False),
    ("followup_call", "电话回访", "Follow-up call", False, False),
]
OUTCOMES = [  # (code, zh, en, resolved, accepted)
    ("mediated", "调解化解", "Resolved by mediation", True, True),
    ("referred_resolved", "转介后解决", "Referred and resolved", True, True),
    ("advice", "解答咨询", "Advice given", True, True),
    ("withdrawn", "当事人撤回", "Withdrawn", False, True),
    ("not_accepted", "不予受理", "Not accepted", False, False),
]
RISK_FACTORS = [
    ("violence", "家暴", "Domestic violence"), ("fighting", "互殴", "Mutual fighting"),
    ("marital_conflict", "婚姻矛盾", "Marital conflict"), ("drugs", "涉毒", "Drugs"),
    ("corrections", "社区矫正", "Community corrections"),
    ("mental_illness", "精神障碍", "Mental disorder"), ("single_parent", "单亲", "Single parent"),
    ("lost_only_child", "失独", "Lost only child"),
    ("left_behind_elder", "留守老人", "Left-behind elder"),
    ("left_behind_child", "留守儿童", "Left-behind child"),
    ("left_behind_woman", "留守妇女", "Left-behind woman"), ("hardship", "困境", "Hardship"),
]
COLOURS = [  # Anji's five colours; rank by sort
    ("red", "红", "Red", "#dc3545"), ("orange", "橙", "Orange", "#fd7e14"),
    ("pink", "粉", "Pink", "#d63384"), ("blue", "蓝", "Blue", "#0d6efd"),
    ("green", "绿", "Green", "#198754"),
]
TIME_LIMITS = [
    ("accept", "受理期限", "Accept or refuse within", 15),
    ("close", "办结期限", "Close within", 60),
    ("extension", "延期", "Extension", 30),
]


def seed(apps, schema_editor):
    get = apps.get_model
    Category = get("rights", "Category")
    # tests/browser/reference_data.py runs this on the current models too, where `sort` is
    # `order` (0003_shared_reference_base).
    sort = "sort" if any(f.name == "sort" for f in Category._meta.fields) else "order"
    for i, (code, zh, en, children) in enumerate(CATEGORIES):
        parent = Category.objects.create(code=code, name_zh=zh, name_en=en, **{sort: i * 100})
        for j, (c_code, c_zh, c_en, hidden) in enumerate(children):
            Category.objects.create(code=c_code, name_zh=c_zh, name_en=c_en, parent=parent,
                                    small_counts_hidden=hidden, **{sort: i * 100 + j + 1})
    for i, row in enumerate(CHANNELS):
        get("rights", "Channel").objects.create(code=row[0], name_zh=row[1], name_en=row[2],
                                                **{sort: i})
    for i, (code, zh, en, referral, mediation) in enumerate(ACTION_TYPES):
        get("rights", "ActionType").objects.create(code=code, name_zh=zh, name_en=en,
                                                   is_referral=referral, is_mediation=mediation,
                                                   **{sort: i})
    for i, (code, zh, en, resolved, accepted) in enumerate(OUTCOMES):
        get("rights", "Outcome").objects.create(code=code, name_zh=zh, name_en=en,
                                                resolved=resolved, accepted=accepted, **{sort: i})
    for i, row in enumerate(RISK_FACTORS):
        get("rights", "RiskFactor").objects.create(code=row[0], name_zh=row[1], name_en=row[2],
                                                   **{sort: i})
    for i, (code, zh, en, colour) in enumerate(COLOURS):
        get("rights", "ColourLevel").objects.create(code=code, name_zh=zh, name_en=en,
                                                    colour=colour, **{sort: i})
    for i, (code, zh, en, days) in enumerate(TIME_LIMITS):
        get("rights", "TimeLimit").objects.create(code=code, name_zh=zh, name_en=en, days=days,
                                                  **{sort: i})
    # Permissions are normally created after migrate; create this one now for the group.
    content_type, _ = get("contenttypes", "ContentType").objects.get_or_create(
        app_label="rights", model="case")
    permission, _ = get("auth", "Permission").objects.get_or_create(
        codename="handle_case", content_type=content_type,
        defaults={"name": "Can handle every rights case"})
    group, _ = get("auth", "Group").objects.get_or_create(name="Rights case handlers")
    group.permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("rights", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
