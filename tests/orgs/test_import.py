"""Excel import: every problem reported with sheet, row and column; nothing saved unless all
rows are valid."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from openpyxl import Workbook, load_workbook

from orgs import imports
from orgs.models import Organization, Person, Position

ORG_HEADER = ["编码", "名称", "类型", "上级编码", "地址", "联系人", "联系电话", "成立日期", "常住人口",
              "女性人口", "户数", "活动阵地", "阵地面积（平方米）"]
MEMBER_HEADER = ["组织编码", "姓名", "性别", "出生年份", "民族", "文化程度", "电话", "工作单位", "政治面貌",
                 "是否进两委", "职务", "任职日期", "任职方式"]


def workbook(org_rows=(), member_rows=(), org_header=ORG_HEADER, member_title="执委名单"):
    wb = Workbook()
    ws = wb.active
    ws.title = "组织机构"
    ws.append(org_header)
    for row in org_rows:
        ws.append(row)
    members = wb.create_sheet(member_title)
    members.append(MEMBER_HEADER)
    for row in member_rows:
        members.append(row)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def upload(client, data: bytes, name="orgs.xlsx"):
    return client.post(reverse("orgs:import"), {"file": SimpleUploadedFile(name, data)})


GOOD_ORGS = [
    ["C10", "丰乐社区妇联", "社区（村）妇联", "S1", "丰乐路1号", "张丽", "13800000000", "2020-05-01",
     3000, 1500, 1100, "党群服务中心", 80],
    ["H10", "丰乐妇女之家", "妇女之家", "C10", None, None, None, None, None, None, None, None, None],
]
GOOD_MEMBERS = [
    ["C10", "张丽", "女", 1980, "汉族", "大学本科", "13800000000", "丰乐社区", "中共党员", "是", "主席",
     "2021-06-01", "换届选举"],
    ["C1", "王芳", "女", 1975, "汉族", "大专", None, None, "群众", "否", "执委", "2023-01-01", "增补"],
]


def test_template_downloads_with_the_current_columns(world, login):
    client = login(world.users["street_chair"])
    response = client.get(reverse("orgs:import_template"))
    wb = load_workbook(io.BytesIO(response.content))
    assert [c.value for c in wb["组织机构"][1]] == ORG_HEADER
    assert [c.value for c in wb["执委名单"][1]] == MEMBER_HEADER


def test_a_good_file_imports_everything(world, login):
    client = login(world.users["street_chair"])
    response = upload(client, workbook(GOOD_ORGS, GOOD_MEMBERS))
    assert response.status_code == 302
    c10 = Organization.objects.get(code="C10")
    assert Organization.objects.get_parent(c10).code == "S1" and c10.households == 1100
    assert Organization.objects.get_parent(Organization.objects.get(code="H10")).code == "C10"
    assert Position.objects.filter(org=c10, post="chair", person__name="张丽").exists()
    assert Position.objects.get(person__name="王芳").joined == "added"


def test_parent_after_child_in_the_file_is_fine(world, login):
    client = login(world.users["street_chair"])
    assert upload(client, workbook(list(reversed(GOOD_ORGS)))).status_code == 302
    assert Organization.objects.filter(code__in=["C10", "H10"]).count() == 2


def errors_of(response):
    return [(e.sheet, e.row, e.column, e.message) for e in response.context["errors"]]


def assert_nothing_saved():
    assert not Organization.objects.filter(code__in=["C10", "H10", "C11"]).exists()
    assert not Person.objects.exists()


def test_every_bad_cell_is_reported_and_nothing_saved(world, login):
    client = login(world.users["street_chair"])
    bad_orgs = GOOD_ORGS + [
        ["C11", "重复社区", "社区（村）妇联", "S9", None, None, None, None, "三千", None, -5, None, None],
        ["C1", "已存在", "社区（村）妇联", "S1", None, None, None, "去年", None, None, None, None, None],
        ["C12", "错误类型", "俱乐部", "S1", None, None, None, None, None, None, None, None, None],
    ]
    bad_members = GOOD_MEMBERS + [
        ["C3", "越权", "女", 1980, None, None, None, None, None, "是", "执委", "2021-06-01", None],
        ["C1", "缺职务", "女", 1800, None, None, None, None, None, "也许", None, None, None],
    ]
    response = upload(client, workbook(bad_orgs, bad_members))
    assert response.status_code == 200
    found = errors_of(response)
    expected = {
        ("组织机构", 4, "常住人口"), ("组织机构", 4, "户数"), ("组织机构", 5, "编码"),
        ("组织机构", 5, "成立日期"), ("组织机构", 6, "类型"), ("执委名单", 5, "是否进两委"),
        ("执委名单", 5, "职务"), ("执委名单", 5, "任职日期"),
    }
    assert expected <= {(sheet, row, column) for sheet, row, column, _ in found}
    page = response.content.decode()
    assert "“三千”不是整数" in page and "未保存任何数据" in page
    assert_nothing_saved()


def test_unknown_or_out_of_scope_codes(world, login):
    client = login(world.users["street_chair"])
    response = upload(client, workbook(
        [["C11", "新社区", "社区（村）妇联", "S2", None, None, None, None, None, None, None, None,
          None]],
        [["C3", "越权", "女", 1980, None, None, None, None, None, "是", "执委", "2021-06-01", None]]))
    found = errors_of(response)
    assert ("组织机构", 2, "上级编码") in {(s, r, c) for s, r, c, _ in found}
    assert ("执委名单", 2, "组织编码") in {(s, r, c) for s, r, c, _ in found}
    assert_nothing_saved()


def test_duplicate_codes_within_the_file(world, login):
    client = login(world.users["street_chair"])
    response = upload(client, workbook(GOOD_ORGS + [GOOD_ORGS[0]]))
    assert any("重复出现" in e[3] for e in errors_of(response))
    assert_nothing_saved()


def test_a_community_under_the_district_breaks_the_tree_rule(world, login):
    client = login(world.users["district_staff"])
    response = upload(client, workbook([["C11", "新社区", "社区（村）妇联", "D"] + [None] * 9]))
    assert any(e[2] == "上级编码" for e in errors_of(response))
    assert_nothing_saved()


@pytest.mark.parametrize("data, message", [
    (b"this is not a spreadsheet", "不是 .xlsx 工作簿"),
    (b"", "文件为空"),
])
def test_corrupt_files_are_refused(world, login, data, message):
    client = login(world.users["street_chair"])
    response = upload(client, data)
    assert response.status_code == 200
    assert message in response.content.decode() or response.context["form"].errors
    assert_nothing_saved()


def test_wrong_template_is_named(world, login):
    client = login(world.users["street_chair"])
    response = upload(client, workbook(GOOD_ORGS, org_header=["编号", "名字"],
                                       member_title="其他"))
    messages = [e[3] for e in errors_of(response)]
    assert any("缺少列“编码”" in m for m in messages)
    assert any("缺少工作表“执委名单”" in m for m in messages)
    assert_nothing_saved()


def test_oversized_file_is_refused(world, login, settings):
    settings.MAX_UPLOAD_BYTES = 1000
    client = login(world.users["street_chair"])
    response = upload(client, workbook(GOOD_ORGS, GOOD_MEMBERS))
    assert any("文件超过" in e[3] for e in errors_of(response))
    assert_nothing_saved()


def test_zip_bomb_is_refused(world, login):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/huge.xml", b"0" * (60 * 1024 * 1024))
    client = login(world.users["street_chair"])
    response = upload(client, buffer.getvalue())
    assert any("体积异常" in e[3] for e in errors_of(response))


def test_english_headers_are_accepted_too(world, login):
    with translation.override("en"):
        data = imports.template_bytes()
    wb = load_workbook(io.BytesIO(data))
    wb["Organizations"].append(GOOD_ORGS[0][:2] + ["Community/village federation", "S1"])
    buffer = io.BytesIO()
    wb.save(buffer)
    client = login(world.users["street_chair"])
    assert upload(client, buffer.getvalue()).status_code == 302
    assert Organization.objects.filter(code="C10").exists()


def test_leader_cannot_import(world, login):
    client = login(world.users["leader"])
    assert upload(client, workbook(GOOD_ORGS)).status_code == 403
    assert_nothing_saved()
