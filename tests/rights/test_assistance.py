"""The women's assistance registry (关爱帮扶): data protection as in the rights cases
(encrypted at rest, masked, shown in full only with a reason and logged, never in URLs,
logs or exports), scoping for every role, figures against raw counts, targets, the tally
pre-fill, the summary's items and pinned query counts."""

import datetime
import io
from decimal import Decimal

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone, translation
from openpyxl import load_workbook

from federation.kernel.hooks import Tile
from federation.kernel.models import AccessLog
from federation.kernel.periods import Period
from federation.kernel.privacy import lookup_hash
from orgs.tallies.models import Indicator
from orgs.tallies.services import build_sheet
from rights import dashboard, figures, summary
from rights.models import Assistance, AssistanceKind, AssistanceTarget, FundSource
from tests.factories import UserFactory
from tests.orgs.factories import TallyFactory
from tests.rights.factories import AssistanceFactory, make_rights_staff, resident_id

TODAY = timezone.localdate()
YEAR_START = TODAY.replace(month=1, day=1)
WOMAN_ID = resident_id(7, "19700315")


def kind(code: str) -> AssistanceKind:
    return AssistanceKind.objects.get(code=code)


@pytest.fixture
def staff(world):
    return make_rights_staff(world.users["district_staff"])


@pytest.fixture
def record(world, staff):
    return AssistanceFactory(org=world.c1, registered_by=staff, name="赵春兰",
                             id_number=WOMAN_ID, phone="13912345678",
                             address="东湖街道桃源社区8栋1单元", note="乳腺癌术后化疗中")


def raw_row(columns: str, pk: int) -> tuple:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {columns} FROM rights_assistance WHERE id = %s", [pk])  # noqa: S608
        return cursor.fetchone()


def post_data(world, **extra) -> dict:
    data = {"name": "孙玉梅", "id_number": WOMAN_ID, "phone": "13800001111",
            "address": "东湖街道柳岸村3组", "kind": kind("two_cancer").pk,
            "given_on": TODAY.isoformat(), "amount": "10000",
            "fund_source": FundSource.objects.get(code="higher_special").pk,
            "org": world.c1.pk, "note": ""}
    data.update(extra)
    return data


# --- data protection --------------------------------------------------------------------


@pytest.mark.django_db
def test_reference_data_and_indicators_are_seeded():
    assert list(AssistanceKind.objects.values_list("name_zh", flat=True)) == [
        "两癌救助", "困难妇女走访慰问", "单亲母亲帮扶", "小额贴息贷款", "创业扶持奖励", "其他"]
    assert {"上级专项资金", "区财政", "社会捐赠", "妇联自筹"} <= set(
        FundSource.objects.values_list("name_zh", flat=True))
    two_cancer, loan = kind("two_cancer"), kind("micro_loan")
    assert (two_cancer.people_indicator.name_zh, two_cancer.amount_indicator.name_zh) == (
        "两癌救助人数", "两癌救助金额")
    assert (loan.people_indicator.name_zh, loan.amount_indicator.name_zh) == ("贷款人数", "贷款金额")
    assert loan.people_indicator.group.name_zh == "关爱帮扶"
    assert loan.amount_indicator.value_type == "amount"


def test_database_columns_hold_no_plaintext(record):
    stored = raw_row("name, id_number, phone, address, note, id_hash, phone_hash", record.pk)
    dump = " ".join(str(v) for v in stored)
    for plain in ("赵春兰", WOMAN_ID, "13912345678", "桃源社区", "化疗"):
        assert plain not in dump
    assert stored[5] == lookup_hash(WOMAN_ID, "id")
    assert stored[6] == lookup_hash("13912345678", "phone")
    fresh = Assistance.objects.get(pk=record.pk)
    assert (fresh.name, fresh.id_number) == ("赵春兰", WOMAN_ID)
    assert str(fresh) == fresh.number and fresh.number.startswith(f"A-{record.given_on.year}-")


def test_list_detail_and_export_are_masked(world, login, staff, record):
    client = login(staff)
    page = client.get(reverse("rights:assistance_list")).content.decode()
    assert "赵*兰" in page and "赵春兰" not in page
    detail = client.get(reverse("rights:assistance_detail", args=[record.pk])).content.decode()
    assert "139****5678" in detail and "330***********" in detail
    for plain in ("赵春兰", WOMAN_ID, "13912345678", "8栋", "化疗"):
        assert plain not in detail
    response = client.get(reverse("rights:assistance_export"))
    assert response.status_code == 200
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    cells = " ".join(str(c) for row in rows for c in row)
    assert "赵*兰" in cells and WOMAN_ID[:3] + "*" in cells and "两癌救助" in cells
    for plain in ("赵春兰", WOMAN_ID, "13912345678", "化疗"):
        assert plain not in cells
    assert "district_staff" in str(rows[-1][0])  # the watermark names who exported


def test_edit_form_never_shows_the_data_and_keeps_it_when_left_empty(world, login, staff,
                                                                     record):
    client = login(staff)
    url = reverse("rights:assistance_edit", args=[record.pk])
    page = client.get(url).content.decode()
    assert "赵春兰" not in page and WOMAN_ID not in page and "化疗" not in page
    assert "赵*兰" in page  # the masked value says what is kept
    data = post_data(world, name="", id_number="", phone="", address="", amount="12000")
    assert client.post(url, data).status_code == 302
    record.refresh_from_db()
    assert (record.name, record.id_number, record.phone, record.amount) == (
        "赵春兰", WOMAN_ID, "13912345678", Decimal("12000"))
    assert record.note == "乳腺癌术后化疗中"


def test_full_display_needs_a_stated_reason_and_is_logged(world, login, staff, record):
    client = login(staff)
    url = reverse("rights:assistance_unmask", args=[record.pk])
    refused = client.post(url, {"reason": ""})
    assert refused.status_code == 200 and "赵春兰" not in refused.content.decode()
    assert not AccessLog.objects.filter(action="unmask").exists()
    shown = client.post(url, {"reason": "电话通知领取救助金"}).content.decode()
    assert "赵春兰" in shown and WOMAN_ID in shown and "13912345678" in shown and "化疗" in shown
    entry = AccessLog.objects.get(action="unmask")
    assert (entry.reason, entry.object_label, entry.username) == (
        "电话通知领取救助金", record.number, "district_staff")


def test_every_view_change_and_export_is_logged_without_personal_data(world, login, staff,
                                                                      record):
    client = login(staff)
    client.get(reverse("rights:assistance_detail", args=[record.pk]))
    client.get(reverse("rights:assistance_export"))
    client.post(reverse("rights:assistance_edit", args=[record.pk]),
                post_data(world, name="", id_number="", amount="9000"))
    log = list(AccessLog.objects.order_by("pk").values_list("action", "object_label"))
    assert log == [("view", record.number), ("export", "list"), ("change", record.number)]
    dump = " ".join(f"{e.object_label} {e.reason} {e.detail}" for e in AccessLog.objects.all())
    assert "赵" not in dump and "139" not in dump and WOMAN_ID not in dump


def test_nothing_personal_in_urls_or_error_reports(world, login, staff, record):
    client = login(staff)
    response = client.post(reverse("rights:assistance_create"),
                           post_data(world, amount="", goods=""))
    assert response.status_code == 200  # invalid: re-rendered, never redirected with data
    assert response.context["form"].errors["amount"]
    assert response.wsgi_request.sensitive_post_parameters == "__ALL__"
    assert not Assistance.objects.exclude(pk=record.pk).exists()
    created = client.post(reverse("rights:assistance_create"),
                          post_data(world, id_number=resident_id(8)))
    assert created.status_code == 302
    assert "孙" not in created["Location"] and WOMAN_ID not in created["Location"]
    listed = client.get(reverse("rights:assistance_list"), {"kind": kind("two_cancer").pk})
    assert all("孙" not in link for link in (listed.wsgi_request.get_full_path(),))


def test_bad_input_is_refused_with_a_message(world, login, staff, record):
    client = login(staff)
    cases = {
        "id_number": post_data(world, id_number="330102197003150071"),  # bad check digit
        "given_on": post_data(world, given_on=(TODAY + datetime.timedelta(1)).isoformat()),
        "goods": post_data(world, goods="", goods_value="300"),
        "org": post_data(world, org=world.c3.pk),  # outside her scope: not offered
    }
    chair = login(world.users["community_chair"])
    for field, data in cases.items():
        c = chair if field == "org" else client
        response = c.post(reverse("rights:assistance_create"), data)
        assert response.status_code == 200, field
        assert response.context["form"].errors[field], field
    assert Assistance.objects.count() == 1


def test_the_same_help_twice_is_refused_and_a_repeat_woman_counts_once(world, login, staff,
                                                                       record):
    client = login(staff)
    same = post_data(world, given_on=record.given_on.isoformat())
    response = client.post(reverse("rights:assistance_create"), same)
    assert response.status_code == 200 and response.context["form"].non_field_errors()
    again = post_data(world, kind=kind("hardship_visit").pk, amount="500",
                      given_on=record.given_on.isoformat())
    response = client.post(reverse("rights:assistance_create"), again, follow=True)
    assert response.status_code == 200
    assert "1" in str(list(response.context["messages"])[0])  # "aided before: 1 earlier"
    totals = figures.assistance_totals(world.district, YEAR_START, TODAY)
    assert (totals["records"], totals["women"]) == (2, 1)
    detail = client.get(reverse("rights:assistance_detail", args=[record.pk]))
    assert [o.kind.code for o in detail.context["others"]] == ["hardship_visit"]


# --- scoping ----------------------------------------------------------------------------


def test_who_sees_a_community_record(world, login, staff, record):
    detail = reverse("rights:assistance_detail", args=[record.pk])
    seeing = [world.users["district_admin"], staff, world.users["street_chair"],
              world.users["community_chair"]]
    for user in seeing:
        client = login(user)
        assert client.get(detail).status_code == 200, user.username
        listed = client.get(reverse("rights:assistance_list"))
        assert listed.status_code == 200 and listed.context["page"].paginator.count == 1
    plain_staff = UserFactory(username="plain_staff", role="district_staff", org=world.district)
    for user in (world.users["leader"], plain_staff):
        client = login(user)
        for name in ("rights:assistance_list", "rights:assistance_create",
                     "rights:assistance_export"):
            assert client.get(reverse(name)).status_code == 403, (user.username, name)
        assert client.get(detail).status_code == 403
    for role in ("other_street_chair", "other_community_chair"):
        client = login(world.users[role])
        assert client.get(detail).status_code == 404
        assert client.get(reverse("rights:assistance_list")).context["page"].paginator.count == 0
    assert Assistance.objects.visible_to(world.users["leader"]).count() == 0


def test_leader_reads_the_figures_only(world, login, staff, record):
    client = login(world.users["leader"])
    response = client.get(reverse("rights:assistance_stats"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "赵" not in page and "<3" in page  # one woman: withheld as "<3"
    assert response.context["kinds"]["total"]["women"] == 1
    assert response.context["kinds"]["rows"][0]["amount_shown"] == "—"


def test_the_menu_links_the_registry(world, login, staff):
    page = login(world.users["community_chair"]).get(reverse("home")).content.decode()
    assert f'href="{reverse("rights:assistance_list")}"' in page
    page = login(world.users["leader"]).get(reverse("home")).content.decode()
    assert f'href="{reverse("rights:assistance_list")}"' not in page
    assert f'href="{reverse("rights:assistance_stats")}"' in page


# --- figures ----------------------------------------------------------------------------


def grow(world, staff):
    """c1: 4 women two-cancer relief (one of them twice), c2: 3 visits with goods, c3 (other
    street): 1 loan; the district itself: 2 loans; and one record last year."""
    day = TODAY - datetime.timedelta(days=1) if TODAY > YEAR_START else TODAY
    made = [AssistanceFactory(org=world.c1, registered_by=staff, given_on=day,
                              id_number=resident_id(i)) for i in range(4)]
    AssistanceFactory(org=world.c1, registered_by=staff, given_on=YEAR_START,
                      id_number=resident_id(0), amount=5000)
    for i in range(3):
        AssistanceFactory(org=world.c2, registered_by=staff, given_on=day,
                          id_number=resident_id(10 + i), kind=kind("hardship_visit"),
                          amount=500, goods="米、油", goods_value=200)
    AssistanceFactory(org=world.c3, registered_by=staff, given_on=day,
                      id_number=resident_id(20), kind=kind("micro_loan"), amount=100000)
    for i in range(2):
        AssistanceFactory(org=world.district, registered_by=staff, given_on=day,
                          id_number=resident_id(30 + i), kind=kind("micro_loan"),
                          amount=80000)
    AssistanceFactory(org=world.c1, registered_by=staff, given_on=YEAR_START.replace(
        year=TODAY.year - 1), id_number=resident_id(40))
    return made


def test_figures_by_kind_match_raw_counts(world, staff, django_assert_num_queries):
    grow(world, staff)
    with django_assert_num_queries(3):
        result = figures.assistance_by_kind(world.district, YEAR_START, TODAY)
    rows = {r["code"]: r for r in result["rows"]}
    raw = Assistance.objects.filter(given_on__gte=YEAR_START, given_on__lte=TODAY)
    for code, row in rows.items():
        mine = raw.filter(kind__code=code)
        assert row["women"] == len(set(mine.values_list("id_hash", flat=True))), code
        assert row["amount"] == sum(a.amount for a in mine), code
    assert (rows["two_cancer"]["women"], rows["two_cancer"]["records"],
            rows["two_cancer"]["amount"]) == (4, 5, Decimal(45000))
    assert rows["hardship_visit"]["goods"] == Decimal(600)
    assert (rows["micro_loan"]["women"], rows["micro_loan"]["amount"]) == (3, Decimal(260000))
    assert result["total"]["women"] == 10 and result["total"]["amount"] == Decimal(306500)
    street = figures.assistance_by_kind(world.s1, YEAR_START, TODAY)
    assert street["total"]["women"] == 7 and "micro_loan" not in {
        r["code"] for r in street["rows"]}


def test_figures_per_street_withhold_small_counts(world, staff, django_assert_num_queries):
    grow(world, staff)
    with django_assert_num_queries(3):
        rows = figures.assistance_by_unit(world.district, YEAR_START, TODAY)
    by_name = {r["name"]: r for r in rows}
    assert by_name["东湖街道妇联"]["women"] == 7
    assert by_name["东湖街道妇联"]["amount"] == Decimal(46500)
    assert by_name["东湖街道妇联"]["kinds"][kind("hardship_visit").pk]["women"] == 3
    assert by_name["西城街道妇联"]["shown"] == "<3"  # one woman in the other street
    assert by_name["西城街道妇联"]["amount_shown"] == "—"
    assert by_name["示范区妇联"]["shown"] == "<3"  # the district's own two loans
    communities = {r["name"]: r["women"] for r in
                   figures.assistance_by_unit(world.s1, YEAR_START, TODAY)}
    assert communities == {"桃源社区妇联": 4, "柳岸村妇联": 3}


def test_period_bounds_are_inclusive(world, staff):
    grow(world, staff)
    last_year = YEAR_START.replace(year=TODAY.year - 1)
    totals = figures.assistance_totals(world.district, last_year, last_year)
    assert (totals["women"], totals["amount"]) == (1, Decimal(10000))


# --- targets ----------------------------------------------------------------------------


def test_targets_progress_on_the_list_page(world, login, staff):
    grow(world, staff)
    AssistanceTarget.objects.create(org=world.district, year=TODAY.year, women=20,
                                    amount=Decimal(612000))
    AssistanceTarget.objects.create(org=world.district, year=TODAY.year,
                                    kind=kind("two_cancer"), women=8)
    AssistanceTarget.objects.create(org=world.s1, year=TODAY.year, women=14)
    rows = {r["target"].kind_id and r["target"].kind.code: r
            for r in figures.assistance_targets(world.district, TODAY.year)}
    assert (rows["two_cancer"]["women"], rows["two_cancer"]["women_percent"]) == (4, 50.0)
    assert rows["two_cancer"]["amount_percent"] is None
    assert (rows[None]["women"], rows[None]["women_percent"],
            rows[None]["amount_percent"]) == (10, 50.0, 50.1)
    page = login(staff).get(reverse("rights:assistance_list"))
    assert page.status_code == 200 and len(page.context["targets"]) == 2
    assert "50.0%" in page.content.decode()
    chair = login(world.users["street_chair"]).get(reverse("rights:assistance_list"))
    assert [(t["women"], t["women_percent"]) for t in chair.context["targets"]] == [(7, 50.0)]
    filtered = login(staff).get(reverse("rights:assistance_list"),
                                {"org": world.s1.pk, "year": TODAY.year})
    assert [t["women_target"] for t in filtered.context["targets"]] == [14]


def test_dashboard_tile_states_women_aided_against_the_target(world, staff):
    grow(world, staff)
    AssistanceTarget.objects.create(org=world.district, year=TODAY.year, women=40)
    with translation.override("en"):
        tiles = {t.label: t for t in dashboard.tiles(world.users["leader"], TODAY.year)}
        chair = {t.label: t for t in dashboard.tiles(world.users["community_chair"],
                                                     TODAY.year)}
    tile = tiles["Women aided"]
    assert isinstance(tile, Tile) and (tile.value, tile.last_year, tile.target) == (10, 1, 40)
    assert tile.progress == 25.0
    assert chair["Women aided"].value == 4


def test_programme_counts_for_the_api(world, staff):
    grow(world, staff)
    counts = figures.programme_counts(world.district, TODAY.year)
    assert counts["women_aided_this_year"] == 10
    assert counts["assistance_money_this_year"] == 306500.0
    assert figures.programme_counts(world.s2, TODAY.year)["women_aided_this_year"] == 1


# --- the tally pre-fill ------------------------------------------------------------------


def test_tally_indicators_are_prefilled_from_the_registry(world, staff):
    month = TODAY.replace(day=1)
    AssistanceFactory(org=world.c1, registered_by=staff, given_on=month, id_number=resident_id(1))
    AssistanceFactory(org=world.c1, registered_by=staff, given_on=month, amount=8000,
                      id_number=resident_id(1), kind=kind("two_cancer"),
                      fund_source=FundSource.objects.get(code="district_budget"),
                      note="second payment")  # the same woman: one person
    AssistanceFactory(org=world.c1, registered_by=staff, given_on=month,
                      id_number=resident_id(2), kind=kind("micro_loan"), amount=50000)
    AssistanceFactory(org=world.c2, registered_by=staff, given_on=month,
                      id_number=resident_id(3))  # another community's tally
    previous = month - datetime.timedelta(days=1)
    AssistanceFactory(org=world.c1, registered_by=staff, given_on=previous,
                      id_number=resident_id(4))  # another month
    sheet = build_sheet(TallyFactory(org=world.c1, month=month))
    rows = {r.indicator.code: r for r in sheet.rows}
    assert (rows["two_cancer_aided"].value, rows["two_cancer_aided"].prefilled) == (1, True)
    assert rows["two_cancer_relief"].value == Decimal(18000)
    assert (rows["loan_women"].value, rows["loan_amount"].value) == (1, Decimal(50000))
    assert Indicator.objects.get(code="loan_women").unit == "人"


# --- the work summary --------------------------------------------------------------------


def test_summary_items_of_the_care_line(world, staff):
    grow(world, staff)
    AssistanceTarget.objects.create(org=world.district, year=TODAY.year,
                                    kind=kind("two_cancer"), women=8)
    items = {i.key: i for i in summary.items(world.district, Period(TODAY.year))
             if i.key.startswith("assistance:")}
    assert set(items) == {"assistance:two_cancer", "assistance:hardship_visit",
                          "assistance:micro_loan"}
    cancer = items["assistance:two_cancer"]
    assert cancer.line == "care" and cancer.phrase == "为{women}“两癌”贫困妇女发放救助金{amount}"
    assert (cancer.figure("women").value, cancer.figure("women").unit) == (4, "名")
    assert cancer.figure("women").target == 8
    assert (cancer.figure("amount").value, cancer.figure("amount").money) == (45000.0, True)
    assert cancer.figure("goods").value is None  # zero: its clause is left out
    visits = items["assistance:hardship_visit"]
    assert (visits.figure("women").value, visits.figure("goods").value) == (3, 600.0)
    # A street with fewer than 3 women of a kind says nothing of it.
    assert [i.key for i in summary.summary_items(world.s2, Period(TODAY.year))] == []


# --- query counts ------------------------------------------------------------------------


def test_list_page_query_count_is_pinned(world, login, staff, django_assert_num_queries):
    grow(world, staff)
    AssistanceTarget.objects.create(org=world.district, year=TODAY.year, women=20)
    client = login(staff)
    url = reverse("rights:assistance_list")
    client.get(url)
    with django_assert_num_queries(15):
        assert client.get(url).status_code == 200
    for i in range(20):
        AssistanceFactory(org=world.c2, registered_by=staff, id_number=resident_id(100 + i))
    with django_assert_num_queries(15):
        assert client.get(url).status_code == 200


@pytest.mark.parametrize("name", ["rights:assistance_detail", "rights:assistance_stats",
                                  "rights:assistance_export"])
def test_other_pages_query_counts_are_pinned(world, login, staff, record,
                                             django_assert_num_queries, name):
    grow(world, staff)
    client = login(staff)
    url = reverse(name, args=[record.pk]) if name.endswith("detail") else reverse(name)
    client.get(url)
    expected = {"rights:assistance_detail": 8, "rights:assistance_stats": 14,
                "rights:assistance_export": 7}[name]
    with django_assert_num_queries(expected):
        assert client.get(url).status_code == 200
