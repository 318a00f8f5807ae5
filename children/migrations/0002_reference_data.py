"""Reference lists: project domains, public place types, the nursing-room checklist (national
guideline 国卫指导发〔2016〕63号), room area rules and grant programmes (DOMAIN.md §2.5–2.7)."""

from django.db import migrations

DOMAINS = [
    ("hospital", "医院", "Hospital"),
    ("school", "学校", "School"),
    ("library", "图书馆", "Library"),
    ("community", "社区", "Community"),
    ("park", "公园", "Park"),
    ("transport", "交通出行", "Transport"),
    ("industrial_park", "园区", "Industrial park"),
    ("kindergarten", "幼儿园", "Kindergarten"),
    ("childcare", "普惠托育", "Affordable childcare"),
    ("public_space", "公共空间适儿化改造", "Child-friendly retrofit of public space"),
    ("science_base", "儿童科技教育基地", "Children's science-education base"),
    ("welfare_facility", "区域性儿童福利设施", "Regional child-welfare facility"),
    ("school_route", "通学路", "Safe route to school"),
    ("childrens_home", "儿童之家", "Children's home"),
    ("study_tour", "研学基地/研学路线", "Study-tour base or route"),
]
PLACE_TYPES = [
    ("transport_hub", "交通枢纽", "Transport hub or station"),
    ("mall", "商业中心", "Shopping centre"),
    ("hospital", "医院", "Hospital"),
    ("scenic_area", "景区", "Scenic area"),
    ("venue", "文体场馆", "Cultural or sports venue"),
    ("park", "公园", "Park"),
    ("office", "办公楼", "Office building"),
    ("government", "政务服务中心", "Public service centre"),
    ("workplace", "女职工哺乳室", "Workplace nursing room"),
    ("other", "其他", "Other public place"),
]
FACILITIES = [  # (code, zh, en, required)
    ("lockable_door", "可上锁门或帘子", "Lockable door or curtain", True),
    ("non_slip_floor", "防滑地面", "Non-slip floor", True),
    ("changing_table", "带安全扣尿布台", "Changing table with safety strap", True),
    ("cot", "婴儿床", "Cot", True),
    ("nursing_chair", "哺乳座椅", "Nursing chair", True),
    ("table", "桌子", "Table", True),
    ("hand_basin", "热水和洗手液洗手台", "Hand basin with hot water and soap", True),
    ("power_socket", "电源插座", "Power socket", True),
    ("waste_bin", "垃圾桶", "Waste bin", True),
    ("tissues", "纸巾湿巾", "Tissues and wipes", True),
    ("air_conditioning", "恒温空调", "Air conditioning", False),
    ("nappy_vending", "尿不湿售卖机", "Nappy vending machine", False),
    ("call_button", "呼叫设备", "Call button", False),
]
PROGRAMMES = [
    ("spring_bud", "春蕾计划", "Spring Bud programme"),
    ("jinguo_study", "巾帼助学", "Women's study aid"),
    ("social_mother", "社会妈妈", "Social mothers"),
    ("other", "其他捐助", "Other donation"),
]
RULES = [  # (code, zh, en, place area from, visitors/day from, minimum room area)
    ("large_place", "大型公共场所（≥1万平方米或日客流≥1万人次）",
     "Large public place (≥10,000 m² or ≥10,000 visitors a day)", 10000, 10000, "10"),
    ("default", "其他公共场所", "Other public places", 0, 0, "6"),
]


def seed(apps, schema_editor):
    def rows(model, items, **extra):
        model = apps.get_model("children", model)
        for sort, item in enumerate(items, start=1):
            code, zh, en = item[:3]
            defaults = {"name_zh": zh, "name_en": en, "sort": sort * 10}
            defaults.update({k: f(item) for k, f in extra.items()})
            model.objects.update_or_create(code=code, defaults=defaults)

    rows("ProjectDomain", DOMAINS)
    rows("PlaceType", PLACE_TYPES)
    rows("Facility", FACILITIES, required=lambda item: item[3])
    rows("GrantProgramme", PROGRAMMES)
    rule = apps.get_model("children", "RoomAreaRule")
    for code, zh, en, place, visitors, area in RULES:
        rule.objects.update_or_create(code=code, defaults={
            "name_zh": zh, "name_en": en, "min_place_area": place,
            "min_daily_visitors": visitors, "min_room_area": area})


class Migration(migrations.Migration):
    dependencies = [("children", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
