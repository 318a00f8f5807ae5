"""User management in the portal: who may manage whom, one-time passwords, imports."""

import io
import re

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from orgs.models import Role, User
from tests.factories import UserFactory
from tests.urlwalk import assert_covered, walk


def test_district_admin_creates_a_chair_who_gets_a_one_time_password(world, login):
    client = login(world.users["district_admin"])
    response = client.post(reverse("users:create"), {
        "username": "chair_c2", "first_name": "柳岸村主席", "org": world.c2.pk,
        "role": Role.COMMUNITY_CHAIR, "phone": "", "email": ""}, follow=True)
    user = User.objects.get(username="chair_c2")
    assert user.must_change_password and user.org == world.c2 and user.has_usable_password()
    message = [str(m) for m in response.context["messages"]][0]
    password = re.search(r"一次性密码：([A-Za-z0-9]{12})", message).group(1)
    assert user.check_password(password)


def test_role_must_match_the_organization_level(world, login):
    client = login(world.users["district_admin"])
    response = client.post(reverse("users:create"), {
        "username": "wrong", "first_name": "错", "org": world.s1.pk,
        "role": Role.COMMUNITY_CHAIR})
    assert "org" in response.context["form"].errors
    assert not User.objects.filter(username="wrong").exists()


def test_street_chair_manages_only_community_chairs_of_her_street(world, login):
    client = login(world.users["street_chair"])
    listed = {u.username for u in client.get(reverse("users:list")).context["page"]}
    assert listed == {"community_chair"}
    form = client.get(reverse("users:create")).context["form"]
    assert [value for value, _ in form.fields["role"].choices] == [Role.COMMUNITY_CHAIR]
    assert set(form.fields["org"].queryset.values_list("code", flat=True)) == {"S1", "C1", "C2"}
    response = client.post(reverse("users:create"), {
        "username": "sneaky", "first_name": "越权", "org": world.c3.pk,
        "role": Role.COMMUNITY_CHAIR})
    assert "org" in response.context["form"].errors
    response = client.post(reverse("users:create"), {
        "username": "staff2", "first_name": "越权", "org": world.s1.pk,
        "role": Role.DISTRICT_STAFF})
    assert "role" in response.context["form"].errors


def test_reset_and_deactivate(world, login):
    chair = world.users["community_chair"]
    client = login(world.users["street_chair"])
    client.post(reverse("users:reset_password", args=[chair.pk]))
    chair.refresh_from_db()
    assert chair.must_change_password and not chair.check_password("test-pass-123")
    client.post(reverse("users:toggle_active", args=[chair.pk]))
    chair.refresh_from_db()
    assert not chair.is_active
    client.post(reverse("users:toggle_active", args=[chair.pk]))
    chair.refresh_from_db()
    assert chair.is_active


def user_cases(account):
    return {
        "users:list": None, "users:create": None, "users:import": None,
        "users:import_template": None, "users:edit": {"pk": account.pk},
        "users:reset_password": {"pk": account.pk},
        "users:toggle_active": {"pk": account.pk},
    }


def test_nobody_reaches_accounts_outside_what_she_manages(world, login):
    cases = user_cases(world.users["other_community_chair"])
    assert_covered("users", cases)
    assert walk(login(world.users["street_chair"]), cases) == []
    # Another street chair inside her own street is not hers to manage either.
    staff_in_street = UserFactory(username="s1_staff", role=Role.STREET_CHAIR, org=world.s1)
    assert walk(login(world.users["street_chair"]), user_cases(staff_in_street)) == []
    before = world.users["other_community_chair"].password
    world.users["other_community_chair"].refresh_from_db()
    assert world.users["other_community_chair"].password == before


def test_other_roles_have_no_user_management(world, login):
    for role in ("leader", "district_staff", "community_chair"):
        client = login(world.users[role])
        for name in ("users:list", "users:create", "users:import"):
            assert client.get(reverse(name)).status_code == 403, (role, name)


def upload(client, rows):
    wb = Workbook()
    ws = wb.active
    ws.title = "用户"
    ws.append(["用户名", "姓名", "组织编码", "角色", "电话", "电子邮箱"])
    for row in rows:
        ws.append(row)
    buffer = io.BytesIO()
    wb.save(buffer)
    return client.post(reverse("users:import"),
                       {"file": SimpleUploadedFile("users.xlsx", buffer.getvalue())})


def test_import_users_all_or_nothing(world, login):
    client = login(world.users["district_admin"])
    bad = upload(client, [
        ["new_c2", "柳岸村主席", "C2", "社区（村）妇联主席", None, None],
        ["community_chair", "重名", "C1", "社区（村）妇联主席", None, None],
        ["new_x", "无此组织", "ZZ", "社区（村）妇联主席", None, None],
        ["new_s", "级别不符", "C3", "街道（乡镇）妇联主席", None, None],
    ])
    columns = {(e.row, e.column) for e in bad.context["errors"]}
    assert {(3, "用户名"), (4, "组织编码"), (5, "组织编码")} <= columns
    assert not User.objects.filter(username__startswith="new_").exists()
    good = upload(client, [["new_c2", "柳岸村主席", "C2", "社区（村）妇联主席", "13800000000", None]])
    (user, password), = good.context["result"].created
    assert user.check_password(password) and user.must_change_password
    assert User.objects.get(username="new_c2").org == world.c2
