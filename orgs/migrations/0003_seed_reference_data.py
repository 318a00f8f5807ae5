"""Reference data from real federation reports: activity categories, the monthly form's
sections and its indicators. District admins edit them afterwards; code refers to `code`."""

from django.db import migrations

CATEGORIES = [
    ("ideology", "思想引领/巾帼宣讲", "Ideological guidance / outreach lectures"),
    ("family_virtue", "家庭文明/家风家教", "Family civility / family values"),
    ("family_education", "家庭教育/家长学校", "Family education / parents' school"),
    ("legal_rights", "普法维权", "Legal education and rights protection"),
    ("child_friendly", "儿童友好", "Child-friendly work"),
    ("employment", "巾帼建功/创业就业培训", "Women's achievement / employment training"),
    ("health", "妇女健康/两癌筛查", "Women's health / cancer screening"),
    ("care", "关爱帮扶", "Care and assistance"),
    ("volunteer", "巾帼志愿服务", "Women's volunteer service"),
    ("organization", "组织建设/干部培训", "Organization building / cadre training"),
    ("culture", "文体活动", "Culture and sports"),
    ("other", "其他", "Other"),
]

GROUPS = [
    ("outreach", "思想引领与家庭建设", "Outreach and family work"),
    ("rights", "普法维权", "Legal education and rights"),
    ("development", "创业就业", "Employment and development"),
    ("health", "妇女健康", "Women's health"),
    ("care", "关爱帮扶与志愿服务", "Care and volunteering"),
]

# code, name_zh, name_en, unit, group, category, prefill, value type, required, maximum
INDICATORS = [
    ("lectures", "宣讲场次", "Outreach lectures", "场次", "outreach", "ideology", "count",
     "integer", True, None),
    ("lecture_attendance", "宣讲参与人次", "Lecture attendance", "人次", "outreach", "ideology",
     "participants", "integer", False, None),
    ("family_education_sessions", "家庭教育指导活动场次", "Family education sessions", "场次",
     "outreach", "family_education", "count", "integer", False, None),
    ("family_education_reach", "家庭教育受益人次", "Family education attendance", "人次",
     "outreach", "family_education", "participants", "integer", False, None),
    ("legal_campaigns", "普法宣传场次", "Legal awareness campaigns", "场次", "rights",
     "legal_rights", "count", "integer", False, None),
    ("disputes_mediated", "调解婚姻家庭纠纷起数", "Marriage and family disputes mediated", "起",
     "rights", None, "", "integer", True, None),
    ("rights_petitions", "受理妇女儿童维权信访件数", "Rights complaints received", "件", "rights",
     None, "", "integer", False, None),
    ("training_courses", "技能培训期数", "Skills training courses", "期", "development",
     "employment", "count", "integer", False, None),
    ("trainees", "技能培训人次", "Skills training attendance", "人次", "development",
     "employment", "participants", "integer", False, None),
    ("new_jobs", "新增就业人数", "Women newly employed", "人", "development", None, "",
     "integer", False, None),
    ("cervical_screening", "宫颈癌筛查人数", "Cervical cancer screenings", "人", "health", None,
     "", "integer", False, 50000),
    ("breast_screening", "乳腺癌筛查人数", "Breast cancer screenings", "人", "health", None, "",
     "integer", False, 50000),
    ("health_talks", "健康知识讲座场次", "Health talks", "场次", "health", "health", "count",
     "integer", False, None),
    ("funds_raised", "募集善款金额", "Funds raised", "元", "care", None, "", "amount", False,
     10000000),
    ("students_aided", "资助困难学生人数", "Students in hardship aided", "人", "care", None, "",
     "integer", False, None),
    ("hardship_visits", "走访慰问困难妇女儿童户数", "Households in hardship visited", "户", "care",
     "care", "", "integer", False, None),
    ("volunteer_services", "巾帼志愿服务次数", "Volunteer services", "次", "care", "volunteer",
     "count", "integer", False, None),
    ("volunteer_attendance", "志愿服务参与人次", "Volunteer attendance", "人次", "care",
     "volunteer", "participants", "integer", False, None),
    ("child_activities", "儿童友好活动场次", "Child-friendly activities", "场次", "care",
     "child_friendly", "count", "integer", False, None),
    ("child_attendance", "儿童参与人次", "Children taking part", "人次", "care", "child_friendly",
     "children", "integer", False, None),
]


def seed(apps, schema_editor):
    category_model = apps.get_model("orgs", "ActivityCategory")
    group_model = apps.get_model("orgs", "IndicatorGroup")
    indicator_model = apps.get_model("orgs", "Indicator")
    categories = {}
    for order, (code, zh, en) in enumerate(CATEGORIES, start=1):
        categories[code] = category_model.objects.create(code=code, name_zh=zh, name_en=en,
                                                         order=order * 10)
    groups = {}
    for order, (code, zh, en) in enumerate(GROUPS, start=1):
        groups[code] = group_model.objects.create(code=code, name_zh=zh, name_en=en,
                                                  order=order * 10)
    for order, row in enumerate(INDICATORS, start=1):
        code, zh, en, unit, group, category, prefill, value_type, required, maximum = row
        indicator_model.objects.create(
            code=code, name_zh=zh, name_en=en, unit=unit, group=groups[group],
            category=categories.get(category), prefill=prefill, value_type=value_type,
            required=required, maximum=maximum, order=order * 10)


def unseed(apps, schema_editor):
    apps.get_model("orgs", "Indicator").objects.all().delete()
    apps.get_model("orgs", "IndicatorGroup").objects.all().delete()
    apps.get_model("orgs", "ActivityCategory").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("orgs", "0002_activities_tallies")]
    operations = [migrations.RunPython(seed, unseed)]
