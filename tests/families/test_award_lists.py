"""Mass honours by list: the district uploads the list from Excel (validated whole: one bad row
refuses the file, each problem reported by row), then one approval awards every entry."""

import io

import pytest
from django.db import OperationalError
from django.db.models import QuerySet
from django.urls import reverse
from openpyxl import load_workbook

from families import services
from families.models import (
    AwardList,
    Honour,
    HonourLevel,
    HonourStep,
    HonourType,
    Recipient,
    State,
)
from tests.families.factories import HonourFactory, HouseholdFactory, xlsx

pytestmark = pytest.mark.django_db
HEADER = ["村/社区代码", "家庭或单位名称", "户编号", "事迹简介"]


@pytest.fixture
def staff(world, login):
    return login(world.users["district_staff"])


def five_good():
    return HonourType.objects.get(code="five-good-family")


def post(client, rows, honour_type=None, year=2025):
    return client.post(reverse("families:award_list_upload"), {
        "honour_type": (honour_type or five_good()).pk, "year": year,
        "level": HonourLevel.objects.get(code="district").pk,
        "file": xlsx({"表彰名单": [HEADER, *rows]})})


def good_rows(world, n):
    households = [HouseholdFactory(org=(world.c1, world.c2, world.c3)[i % 3])
                  for i in range(n - 1)]
    return [[h.org.code, None, h.pk, "家庭和睦"] for h in households] + [
        ["C3", "王秀英家庭", None, None]]


def test_the_template_downloads_with_its_columns(staff):
    response = staff.get(reverse("families:award_list_template"))
    assert response.status_code == 200
    header = [c.value for c in load_workbook(io.BytesIO(response.content)).worksheets[0][1]]
    assert header == HEADER


def test_a_bad_row_refuses_the_whole_file_with_a_message_per_row(world, staff):
    household = HouseholdFactory(org=world.c1)
    elsewhere = HouseholdFactory(org=world.c3)
    HonourFactory(org=world.c1, honour_type=five_good(), recipient__household=household,
                  year=2025, state=State.AWARDED)
    rows = [["C1", "李家", None, None],  # good
            ["ZZ", "赵家", None, None],  # unknown code
            ["C1", None, elsewhere.pk, None],  # a household of another village
            ["C1", "李家", None, None],  # duplicate of row 2
            ["C2", None, None, None],  # no name
            ["C1", None, household.pk, None]]  # already holds the honour this year
    response = post(staff, rows)
    assert response.status_code == 200
    errors = {e.row: e.message for e in response.context["errors"]}
    assert set(errors) == {3, 4, 5, 6, 7}
    assert "ZZ" in errors[3] and "不存在" in errors[3]
    assert "桃源社区妇联" in errors[4]
    assert "第2行" in errors[5] and "重复" in errors[5]
    assert "名称" in errors[6]
    assert "已" in errors[7]
    assert not AwardList.objects.exists() and Honour.objects.count() == 1


def test_households_are_refused_on_a_units_honour(world, staff):
    units = HonourType.objects.get(code="caring-family-unit")
    units.workflow = "list"
    units.save()
    household = HouseholdFactory(org=world.c1)
    response = post(staff, [["S1", "东湖物业公司", None, None], ["C1", None, household.pk, None]],
                    honour_type=units)
    assert [e.row for e in response.context["errors"]] == [3]
    response = post(staff, [["S1", "东湖物业公司", None, None]], honour_type=units)
    assert response.status_code == 302
    assert AwardList.objects.get().entries.get().org == world.s1


def test_only_list_types_and_past_years_are_offered(world, staff):
    response = post(staff, good_rows(world, 2),
                    honour_type=HonourType.objects.get(code="most-beautiful-family"))
    assert response.status_code == 200 and "honour_type" in response.context["form"].errors
    response = post(staff, good_rows(world, 2), year=2999)
    assert response.status_code == 200 and "year" in response.context["form"].errors
    assert not AwardList.objects.exists()


@pytest.mark.parametrize("n", [3, 12])
def test_one_approval_awards_the_whole_list(world, staff, n, django_assert_num_queries):
    assert post(staff, good_rows(world, n)).status_code == 302
    award_list = AwardList.objects.get()
    assert award_list.status == AwardList.Status.PENDING and award_list.entries.count() == n
    assert not Honour.objects.exists()  # nothing is awarded before the approval
    page = staff.get(award_list.get_absolute_url())
    assert reverse("families:award_list_approve", args=[award_list.pk]) in page.content.decode()
    admin = world.users["district_admin"]
    # savepoint, the lock, the entries, known recipients, three bulk inserts, the list's
    # update with its audit entry (3), release: flat in n
    with django_assert_num_queries(12):
        count = services.approve_award_list(award_list, admin)
    assert count == n
    honours = Honour.objects.filter(award_list=award_list)
    assert honours.count() == n and set(honours.values_list("state", flat=True)) == {
        State.AWARDED}
    assert {h.org_id for h in honours} <= {world.c1.pk, world.c2.pk, world.c3.pk}
    assert Recipient.objects.filter(household__isnull=False).count() == n - 1
    assert HonourStep.objects.filter(action="list_award").count() == n
    award_list.refresh_from_db()
    assert award_list.status == AwardList.Status.APPROVED and award_list.decided_by == admin


def test_approval_through_the_page_and_once_only(world, staff):
    post(staff, good_rows(world, 3))
    award_list = AwardList.objects.get()
    url = reverse("families:award_list_approve", args=[award_list.pk])
    assert staff.post(url).status_code == 302
    assert staff.post(url).status_code == 403  # decided: not again
    assert Honour.objects.count() == 3
    recipient = Honour.objects.get(recipient__name="王秀英家庭").recipient
    post(staff, [["C3", "王秀英家庭", None, None]], year=2024)  # the next list reuses her
    services.approve_award_list(AwardList.objects.get(year=2024), world.users["district_staff"])
    assert recipient.honours.count() == 2


def test_withdrawn_lists_award_nothing(world, staff):
    post(staff, good_rows(world, 3))
    award_list = AwardList.objects.get()
    staff.post(reverse("families:award_list_withdraw", args=[award_list.pk]))
    award_list.refresh_from_db()
    assert award_list.status == AwardList.Status.WITHDRAWN and not Honour.objects.exists()


def test_a_list_awaiting_approval_refuses_the_same_rows_again(world, staff):
    post(staff, [["C3", "王秀英家庭", None, None]])
    response = post(staff, [["C3", "王秀英家庭", None, None]])
    assert response.status_code == 200 and len(response.context["errors"]) == 1
    assert AwardList.objects.count() == 1


def test_an_approval_that_fails_halfway_awards_nothing(world, staff, monkeypatch):
    post(staff, good_rows(world, 3))
    award_list = AwardList.objects.get()
    original = QuerySet.bulk_create

    def failing(self, objs, *args, **kwargs):  # the third write: the honours' history
        if self.model is HonourStep:
            raise OperationalError("the server closed the connection")
        return original(self, objs, *args, **kwargs)

    monkeypatch.setattr(QuerySet, "bulk_create", failing)
    with pytest.raises(OperationalError):
        services.approve_award_list(award_list, world.users["district_staff"])
    monkeypatch.undo()
    assert not Honour.objects.exists() and not Recipient.objects.exists()
    award_list.refresh_from_db()
    assert award_list.status == AwardList.Status.PENDING


def test_only_the_district_uploads_and_sees_lists(world, login, staff):
    post(staff, good_rows(world, 2))
    award_list = AwardList.objects.get()
    for role in ("street_chair", "community_chair"):
        client = login(world.users[role])
        assert client.get(reverse("families:award_list_upload")).status_code == 403
        assert client.get(award_list.get_absolute_url()).status_code == 403
        assert client.get(reverse("families:award_lists")).status_code == 403
        assert client.post(reverse("families:award_list_approve",
                                   args=[award_list.pk])).status_code == 404
    leader = login(world.users["leader"])
    assert leader.get(award_list.get_absolute_url()).status_code == 200
    assert leader.post(reverse("families:award_list_approve",
                               args=[award_list.pk])).status_code == 403
    assert AwardList.objects.get().status == AwardList.Status.PENDING


def test_the_lists_page_query_count_is_pinned(world, staff, get_page):
    for year in (2022, 2023, 2024):
        post(staff, [["C3", f"王家{year}", None, None], ["C1", "李家", None, None]], year=year)
    response = get_page(staff, reverse("families:award_lists"), queries=None)
    assert response.status_code == 200 and len(response.context["page"]) == 3
    base = response.queries
    post(staff, [["C2", "赵家", None, None]], year=2025)
    get_page(staff, reverse("families:award_lists"), queries=base)
    get_page(staff, reverse("families:award_list", args=[AwardList.objects.first().pk]),
             queries=None)


def test_a_pending_list_is_on_the_districts_to_do_list(world, staff, login):
    def todo(client):
        return {i.url: i.count for i in client.get(reverse("todo")).context["items"]}

    url = reverse("families:award_lists")
    assert url not in todo(staff)
    post(staff, good_rows(world, 2))
    assert todo(staff)[url] == 1
    assert url not in todo(login(world.users["street_chair"]))
    services.approve_award_list(AwardList.objects.get(), world.users["district_admin"])
    assert url not in todo(login(world.users["district_staff"]))
