"""Reference data of the women's assistance registry, in the wording of the federations'
reports ("共为14名'两癌'贫困妇女发放省级救助金共14万元", "为36名农村创业妇女发放小额贴息贷款
343万元", "走访慰问35户特困家庭"), and the tally indicators the registry pre-fills (created in
orgs' catalogue, group 关爱帮扶, when missing). District admins edit them afterwards."""

from django.db import migrations

GROUP = ("assistance", "关爱帮扶", "Women's assistance")

# code, name_zh, name_en, unit, value type
INDICATORS = [
    ("two_cancer_aided", "两癌救助人数", "Women given two-cancer relief", "人", "integer"),
    ("two_cancer_relief", "两癌救助金额", "Two-cancer relief paid", "元", "amount"),
    ("loan_women", "贷款人数", "Women given micro-loans", "人", "integer"),
    ("loan_amount", "贷款金额", "Micro-loans granted", "元", "amount"),
]

# code, name_zh, name_en, people indicator, amount indicator, phrase in the work summary
KINDS = [
    ("two_cancer", "两癌救助", "Two-cancer relief", "two_cancer_aided", "two_cancer_relief",
     "为{women}“两癌”贫困妇女发放救助金{amount}"),
    ("hardship_visit", "困难妇女走访慰问", "Hardship visit", None, None,
     "走访慰问困难妇女{women}，发放慰问金{amount}，送去慰问物资价值{goods}"),
    ("single_mother", "单亲母亲帮扶", "Single-mother support", None, None,
     "帮扶单亲困难母亲{women}，发放帮扶资金{amount}，物资价值{goods}"),
    ("micro_loan", "小额贴息贷款", "Interest-subsidised micro-loan", "loan_women",
     "loan_amount", "为{women}农村创业妇女发放小额贴息贷款{amount}"),
    ("entrepreneurship", "创业扶持奖励", "Entrepreneurship award", None, None,
     "为{women}创业妇女发放创业扶持奖励{amount}"),
    ("other", "其他", "Other help", None, None,
     "开展其他关爱帮扶{women}，发放帮扶资金{amount}，物资价值{goods}"),
]

FUNDS = [
    ("higher_special", "上级专项资金", "Special funds from higher federations"),
    ("district_budget", "区财政", "District budget"),
    ("donation", "社会捐赠", "Donations"),
    ("own_funds", "妇联自筹", "Federation's own funds"),
    ("bank_loan", "合作银行贷款", "Partner bank's loan"),
    ("other", "其他", "Other"),
]


def seed(apps, schema_editor):
    group_model = apps.get_model("orgs", "IndicatorGroup")
    indicator_model = apps.get_model("orgs", "Indicator")
    code, zh, en = GROUP
    group = (group_model.objects.filter(name_zh=zh).first()
             or group_model.objects.get_or_create(code=code, defaults={
                 "name_zh": zh, "name_en": en, "order": 60})[0])
    indicators = {}
    for order, (code, zh, en, unit, value_type) in enumerate(INDICATORS, start=1):
        indicators[code] = (
            indicator_model.objects.filter(name_zh=zh).first()
            or indicator_model.objects.get_or_create(code=code, defaults={
                "name_zh": zh, "name_en": en, "unit": unit, "group": group,
                "value_type": value_type, "order": order * 10})[0])
    kind_model = apps.get_model("rights", "AssistanceKind")
    for order, (code, zh, en, people, amount, phrase) in enumerate(KINDS, start=1):
        kind_model.objects.create(
            code=code, name_zh=zh, name_en=en, order=order * 10, phrase=phrase,
            people_indicator=indicators.get(people), amount_indicator=indicators.get(amount))
    fund_model = apps.get_model("rights", "FundSource")
    for order, (code, zh, en) in enumerate(FUNDS, start=1):
        fund_model.objects.create(code=code, name_zh=zh, name_en=en, order=order * 10)


def unseed(apps, schema_editor):
    """The indicators stay: tallies may hold values of them."""
    apps.get_model("rights", "AssistanceKind").objects.all().delete()
    apps.get_model("rights", "FundSource").objects.all().delete()


class Migration(migrations.Migration):

    dependencies = [
        ("rights", "0005_assistance_registry"),
        ("orgs", "0005_shared_reference_base"),
    ]

    operations = [migrations.RunPython(seed, unseed)]
