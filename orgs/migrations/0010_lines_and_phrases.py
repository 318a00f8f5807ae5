"""Every activity category and indicator on its line of work, with the phrase the work summary
states it in (the seed reports' register); the indicators whose thing a registry records say
which."""

from django.db import migrations

CATEGORY_LINES = {  # code: (line, phrase)
    "ideology": ("ideology", ""),  # counted by the 宣讲 indicators
    "family_virtue": ("family", "开展家风家教活动{activities}，服务{people}"),
    "family_education": ("family", ""),  # counted by the 家庭教育 indicators
    "legal_rights": ("rights", ""),  # counted by 普法宣传场次
    "child_friendly": ("children", ""),  # counted by 儿童友好活动场次
    "employment": ("merit", ""),  # counted by 技能培训期数
    "health": ("care", ""),  # counted by 健康知识讲座场次
    "care": ("care", "开展关爱帮扶活动{activities}，服务{people}"),
    "volunteer": ("volunteer", ""),  # counted by 巾帼志愿服务次数
    "organization": ("organization", "开展组织建设和干部培训活动{activities}，参与{people}"),
    "culture": ("ideology", "开展文体活动{activities}，参与{people}"),
    "other": (None, ""),
}

INDICATORS = {  # code: (line, phrase, registry)
    "lectures": ("ideology", "开展巾帼宣讲{value}，覆盖{lecture_attendance}", ""),
    "lecture_attendance": ("ideology", "", ""),
    "family_education_sessions": (
        "family", "开展家庭教育指导活动{value}，受益{family_education_reach}", ""),
    "family_education_reach": ("family", "", ""),
    "legal_campaigns": ("rights", "开展普法宣传{value}", ""),
    "disputes_mediated": ("rights", "调解婚姻家庭纠纷{value}", "rights:mediations"),
    "rights_petitions": ("rights", "受理妇女儿童维权信访{value}", ""),
    "training_courses": ("merit", "举办妇女技能培训{value}，培训{trainees}", ""),
    "trainees": ("merit", "", ""),
    "new_jobs": ("merit", "新增妇女就业{value}", ""),
    "cervical_screening": (
        "care", "开展“两癌”免费筛查，其中宫颈癌筛查{value}、乳腺癌筛查{breast_screening}", ""),
    "breast_screening": ("care", "", ""),
    "health_talks": ("care", "举办妇女健康知识讲座{value}", ""),
    "funds_raised": ("care", "募集善款{value}", ""),
    "students_aided": ("care", "资助困难学生{value}", ""),
    "hardship_visits": ("care", "走访慰问困难妇女儿童{value}", ""),
    "volunteer_services": ("volunteer", "开展巾帼志愿服务{value}，参与{volunteer_attendance}", ""),
    "volunteer_attendance": ("volunteer", "", ""),
    "child_activities": ("children", "开展儿童友好活动{value}，参与儿童{child_attendance}", ""),
    "child_attendance": ("children", "", ""),
}


def seed(apps, schema_editor):
    lines = {line.code: line for line in apps.get_model("federation", "LineOfWork").objects.all()}
    category_model = apps.get_model("orgs", "ActivityCategory")
    for code, (line, phrase) in CATEGORY_LINES.items():
        category_model.objects.filter(code=code).update(line=lines.get(line), phrase=phrase)
    indicator_model = apps.get_model("orgs", "Indicator")
    for code, (line, phrase, registry) in INDICATORS.items():
        indicator_model.objects.filter(code=code).update(
            line=lines.get(line), phrase=phrase, registry=registry)


def unseed(apps, schema_editor):
    apps.get_model("orgs", "ActivityCategory").objects.update(line=None, phrase="")
    apps.get_model("orgs", "Indicator").objects.update(line=None, phrase="", registry="")


class Migration(migrations.Migration):
    dependencies = [
        ("federation", "0007_lines_of_work"),
        ("orgs", "0009_lines_campaigns_highlights"),
    ]

    operations = [migrations.RunPython(seed, unseed)]
