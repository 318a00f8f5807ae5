"""The issue's walk-through: a phone case taken by district staff, assigned to the street
chair, who logs actions and closes it; statistics count it; the access log shows every view."""

import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from federation.kernel.models import AccessLog
from rights.models import ActionType, Case, Category, Channel, Outcome, Risk, Status
from tests.rights.factories import VALID_ID, CaseFactory, make_rights_staff

TODAY = timezone.localdate()


def intake_data(world, **extra):
    data = {
        "channel": Channel.objects.get(code="phone").pk, "received_on": TODAY.isoformat(),
        "risk": 3, "name": "陈桂英", "gender": "F", "id_number": VALID_ID, "age": "",
        "phone": "13812345678", "address": "桃源社区8栋", "org": world.c1.pk,
        "category": Category.objects.get(code="domestic_violence").pk,
        "other_party": "张建国", "relation": "配偶", "children_involved": 1,
        "summary": "丈夫多次殴打", "consent_to_share": "yes", "consent_on": TODAY.isoformat(),
        "guardian_name": "",
    }
    data.update(extra)
    return data


@pytest.fixture
def staff(world):
    return make_rights_staff(world.users["district_staff"])


def test_phone_case_from_intake_to_closure(world, login, staff):
    client = login(staff)
    response = client.post(reverse("rights:case_create"), intake_data(world))
    case = Case.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/rights/{case.pk}/"
    assert case.number == f"W-{TODAY.year}-0001" and case.status == Status.NEW
    assert case.complainant_age == TODAY.year - 1949 - (TODAY.replace(month=12, day=31) > TODAY)
    assert case.due_on == TODAY + datetime.timedelta(days=60)

    chair = world.users["street_chair"]
    response = client.post(reverse("rights:case_assign", args=[case.pk]),
                           {"handler": chair.pk, "version": case.version})
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.handler == chair and case.status == Status.IN_PROGRESS and case.version == 2

    client = login(chair)
    assert client.get(reverse("rights:case_detail", args=[case.pk])).status_code == 200
    response = client.post(reverse("rights:action_create", args=[case.pk]), {
        "type": ActionType.objects.get(code="home_visit").pk, "on": TODAY.isoformat(),
        "notes": "上门了解情况", "next_step": "组织调解", "due_on": TODAY.isoformat()})
    assert response.status_code == 302 and case.actions.count() == 1
    response = client.post(reverse("rights:case_close", args=[case.pk]), {
        "outcome": Outcome.objects.get(code="mediated").pk, "closed_on": TODAY.isoformat(),
        "outcome_note": "", "version": case.version})
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == Status.CLOSED and case.days_to_close == 0
    response = client.post(reverse("rights:case_followup", args=[case.pk]), {
        "followed_up_on": TODAY.isoformat(), "satisfaction": "satisfied",
        "version": case.version})
    assert response.status_code == 302

    stats = login(world.users["leader"]).get(reverse("rights:stats"))
    totals = stats.context["totals"]
    assert (totals["received"], totals["closed"], totals["resolved"]) == (1, 1, 1)
    assert totals["closure_rate"] == 100.0 and totals["satisfaction_rate"] == 100.0
    dv = next(r for r in stats.context["categories"] if r["code"] == "domestic_violence")
    assert dv["shown"] == "<3"

    logged = AccessLog.objects.filter(object_type="rights.case", object_id=str(case.pk))
    actions = list(logged.values_list("username", "action"))
    assert ("district_staff", "create") in actions and ("street_chair", "view") in actions
    assert actions.count(("street_chair", "change")) == 3
    assert all(e.object_label == case.number for e in logged)


def test_returning_complainant_is_recognised_by_phone(world, login, staff):
    client = login(staff)
    client.post(reverse("rights:case_create"), intake_data(world))
    response = client.post(reverse("rights:case_create"), intake_data(
        world, id_number="", phone="138 1234 5678", name="陈桂英"), follow=True)
    first, second = Case.objects.order_by("pk")
    assert first.complainant_id == second.complainant_id
    assert [c.number for c in response.context["earlier"]] == [first.number]


def test_under_14_needs_a_guardian_for_consent(world, login, staff):
    response = login(staff).post(reverse("rights:case_create"), intake_data(
        world, id_number="", age="12"))
    assert response.status_code == 200 and "guardian_name" in response.context["form"].errors
    assert not Case.objects.exists()


def test_referral_refused_without_consent_unless_admin_overrides(world, login, staff):
    case = CaseFactory(org=world.c1, registered_by=staff, handler=staff,
                       consent_to_share=False)
    referral = {"type": ActionType.objects.get(code="referral_police").pk,
                "on": TODAY.isoformat(), "agency": "police", "notes": "转派出所"}
    response = login(staff).post(reverse("rights:action_create", args=[case.pk]), referral)
    errors = response.context["form"].non_field_errors()
    assert response.status_code == 200 and len(errors) == 1
    assert not case.actions.exists()
    admin = login(world.users["district_admin"])
    response = admin.post(reverse("rights:action_create", args=[case.pk]), referral)
    assert response.status_code == 200  # the override needs a reason
    response = admin.post(reverse("rights:action_create", args=[case.pk]),
                          {**referral, "override_reason": "人身安全紧急"})
    assert response.status_code == 302
    action = case.actions.get()
    assert action.feedback_due_on == TODAY + datetime.timedelta(days=15)
    entry = AccessLog.objects.filter(action="change", object_id=str(case.pk)).get()
    assert entry.reason == "人身安全紧急"


def test_intake_asks_for_consent_instead_of_leaving_a_box_unticked(world, login, staff):
    client = login(staff)
    data = intake_data(world)
    del data["consent_to_share"]
    response = client.post(reverse("rights:case_create"), data)
    assert response.status_code == 200 and "consent_to_share" in response.context["form"].errors
    assert not Case.objects.exists()
    assert client.post(reverse("rights:case_create"),
                       intake_data(world, consent_to_share="no")).status_code == 302
    case = Case.objects.get()
    assert not case.consent_to_share and case.consent_on is None
    # ticking it later on the edit page finds today's date there, not a blank to fail on
    form = client.get(reverse("rights:case_edit", args=[case.pk])).context["form"]
    assert form["consent_on"].value() == TODAY


def test_referral_form_says_what_it_needs_and_records_consent_given_now(world, login, staff):
    case = CaseFactory(org=world.c1, registered_by=staff, consent_to_share=False,
                       complainant_age=35)
    assert case.status == Status.NEW and case.handler is None
    client = login(staff)
    url = reverse("rights:action_create", args=[case.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert 'id="referral-needs"' in page.content.decode()
    assert "consent_now" in page.context["form"].fields
    referral = {"type": ActionType.objects.get(code="referral_police").pk,
                "on": TODAY.isoformat(), "agency": "police", "notes": "转派出所",
                "consent_now": "on", "consent_now_on": TODAY.isoformat()}
    response = client.post(url, referral)
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.consent_to_share and case.consent_on == TODAY
    # the referral accepted the case: no longer awaiting acceptance
    assert case.status == Status.IN_PROGRESS and case.accepted_on == TODAY
    assert case.handler == staff
    assert case.actions.get().type.is_referral


def test_referral_feedback_is_overdue_until_answered(world, login, staff):
    case = CaseFactory(org=world.c1, registered_by=staff, handler=staff, consent_to_share=True)
    action = case.actions.create(type=ActionType.objects.get(code="legal_aid_referral"),
                                 by=staff, agency="legal_aid",
                                 feedback_due_on=TODAY - datetime.timedelta(days=1))
    client = login(staff)
    assert action in client.get(reverse("rights:overdue")).context["feedback"]
    response = client.post(reverse("rights:action_feedback", args=[action.pk]),
                           {"feedback_on": TODAY.isoformat(), "feedback": "已指派律师"})
    assert response.status_code == 302
    assert action not in client.get(reverse("rights:overdue")).context["feedback"]


def test_the_later_save_is_refused_with_what_changed(world, login, staff):
    case = CaseFactory(org=world.c1, registered_by=staff, handler=staff)
    client = login(staff)
    form = client.get(reverse("rights:case_edit", args=[case.pk])).context["form"]
    data = {k: v for k, v in form.initial.items() if v is not None}
    data.update(category=case.category_id, channel=case.channel_id, version=case.version,
                received_on=case.received_on.isoformat())
    data.update({f"initial-{k}": v for k, v in data.items() if k != "version"})
    first = client.post(reverse("rights:case_edit", args=[case.pk]), {**data, "risk": 1})
    assert first.status_code == 302
    second = client.post(reverse("rights:case_edit", args=[case.pk]),
                         {**data, "relation": "前夫"})
    assert second.status_code == 409
    assert second.context["changes"] == [(str(Case._meta.get_field("risk").verbose_name),
                                          str(Risk.URGENT.label))]
    case.refresh_from_db()
    assert case.risk == 1 and case.relation == "" and case.version == 2


def test_overdue_limits_are_configurable_and_extendable(world, login, staff):
    from rights.models import TimeLimit

    TimeLimit.objects.filter(code="close").update(days=10)
    case = CaseFactory(org=world.c1, registered_by=staff, handler=staff,
                       accepted_on=TODAY, received_on=TODAY - datetime.timedelta(days=11))
    assert case.due_on == TODAY - datetime.timedelta(days=1)
    assert case in Case.objects.overdue()
    client = login(staff)
    assert client.post(reverse("rights:case_extend", args=[case.pk]),
                       {"version": case.version}).status_code == 302
    case.refresh_from_db()
    assert case.extended and case.due_on == TODAY + datetime.timedelta(days=29)
    assert case not in Case.objects.overdue()
    late_accept = CaseFactory(org=world.c1, registered_by=staff,
                              received_on=TODAY - datetime.timedelta(days=16))
    assert list(Case.objects.overdue()) == [late_accept]


def test_urgent_cases_head_the_list(world, login, staff):
    low = CaseFactory(org=world.c1, registered_by=staff, risk=4)
    urgent = CaseFactory(org=world.c1, registered_by=staff, risk=1,
                         received_on=TODAY - datetime.timedelta(days=30))
    high = CaseFactory(org=world.c1, registered_by=staff, risk=2)
    page = login(staff).get(reverse("rights:case_list")).context["page"]
    assert list(page) == [urgent, high, low]


def test_the_list_opens_on_open_cases_by_urgency_closed_behind_the_filter(world, login, staff):
    closed = [CaseFactory(org=world.c1, registered_by=staff, risk=1, status=Status.CLOSED)
              for _ in range(3)]
    waiting = CaseFactory(org=world.c1, registered_by=staff, risk=2,
                          received_on=TODAY - datetime.timedelta(days=1))
    in_progress = CaseFactory(org=world.c1, registered_by=staff, risk=2, handler=staff,
                              status=Status.IN_PROGRESS,
                              received_on=TODAY - datetime.timedelta(days=3))
    low = CaseFactory(org=world.c1, registered_by=staff, risk=4)
    client = login(staff)
    response = client.get(reverse("rights:case_list"))
    assert response.status_code == 200
    page = list(response.context["page"])
    assert set(page) == {waiting, in_progress, low}  # no closed case on the first view
    assert page[-1] == low and page.index(waiting) < page.index(low)
    assert response.context["filter"].form["status"].value() == "open"
    closed_page = client.get(reverse("rights:case_list"), {"status": "closed"})
    assert set(closed_page.context["page"]) == set(closed)
    every = client.get(reverse("rights:case_list"), {"status": "all"}).context["page"]
    assert len(every) == 6


def test_home_panel_shows_counts_and_my_cases(world, login, staff):
    chair = world.users["street_chair"]
    mine = CaseFactory(org=world.c1, registered_by=staff, handler=chair, risk=1,
                       received_on=TODAY - datetime.timedelta(days=70))
    CaseFactory(org=world.c3, registered_by=staff, handler=staff)
    panel = login(chair).get(reverse("home")).context["panels"]
    context = dict(panel)["rights/_home.html"]
    assert context["mine"] == [mine] and context["assigned"] == 1 and context["overdue"] == 1
    assert context["totals"]["received"] == (1 if mine.received_on.year == TODAY.year else 0)
    leader = dict(login(world.users["leader"]).get(reverse("home")).context["panels"])
    assert leader["rights/_home.html"]["mine"] is None


def test_age_from_birth_date_when_no_id_number(world, login, staff):
    birth = TODAY.replace(year=TODAY.year - 30) - datetime.timedelta(days=1)
    response = login(staff).post(reverse("rights:case_create"), intake_data(
        world, id_number="", birth_date=birth.isoformat()))
    assert response.status_code == 302
    case = Case.objects.get()
    assert case.complainant_age == 30 and case.complainant.birth_year == birth.year
    future = login(staff).post(reverse("rights:case_create"), intake_data(
        world, id_number="", birth_date=(TODAY + datetime.timedelta(days=3)).isoformat()))
    assert "birth_date" in future.context["form"].errors


def test_a_shared_phone_does_not_merge_two_people(world, login, staff):
    client = login(staff)
    client.post(reverse("rights:case_create"), intake_data(world, id_number=""))
    client.post(reverse("rights:case_create"), intake_data(world, id_number="", name="陈小红"))
    first, second = Case.objects.order_by("pk")
    assert first.complainant_id != second.complainant_id
    # Her ID number recognises her even with a new phone.
    client.post(reverse("rights:case_create"), intake_data(world, id_number=VALID_ID,
                                                           phone="13900000000"))
    client.post(reverse("rights:case_create"), intake_data(world, phone="13700000000"))
    third, fourth = Case.objects.order_by("pk")[2:]
    assert third.complainant_id == fourth.complainant_id


def test_correcting_the_received_date_moves_the_deadlines(world, login, staff):
    case = CaseFactory(org=world.c1, registered_by=staff, handler=staff)
    client = login(staff)
    form = client.get(reverse("rights:case_edit", args=[case.pk])).context["form"]
    data = {k: v for k, v in form.initial.items() if v is not None}
    earlier = TODAY - datetime.timedelta(days=40)
    data.update(category=case.category_id, channel=case.channel_id, version=case.version,
                received_on=earlier.isoformat())
    assert client.post(reverse("rights:case_edit", args=[case.pk]), data).status_code == 302
    case.refresh_from_db()
    assert case.due_on == earlier + datetime.timedelta(days=60)
    assert case.accept_due_on == earlier + datetime.timedelta(days=15)


def test_list_and_export_filters(world, login, staff):
    mine = CaseFactory(org=world.c1, registered_by=staff, handler=staff, risk=2)
    CaseFactory(org=world.c1, registered_by=staff, risk=4)
    client = login(staff)
    for params in ({"mine": "true"}, {"risk": "2"}, {"number": mine.number}):
        # The search form is POSTed; the list and its export answer at an opaque token.
        response = client.post(reverse("rights:case_list"), params, follow=True)
        assert list(response.context["page"]) == [mine], params
        url = response.redirect_chain[-1][0]
        assert mine.number not in url and "?s=" in url
        export = client.get(reverse("rights:case_export") + url[url.index("?"):])
        assert export.status_code == 200
        sheet = load_workbook(io.BytesIO(export.content)).active
        assert mine.number in [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)]
    category = client.get(reverse("rights:case_list"), {
        "category": Category.objects.get(code="marriage_family").pk}).context["page"]
    assert len(category) == 2


def test_a_chair_learns_nothing_of_earlier_cases_she_may_not_see(world, login, staff):
    login(staff).post(reverse("rights:case_create"), intake_data(world))
    chair = login(world.users["community_chair"])
    response = chair.post(reverse("rights:case_create"), intake_data(
        world, id_number="", address=""), follow=True)
    first, second = Case.objects.order_by("pk")
    assert list(response.context["earlier"]) == []
    assert all("earlier" not in str(m) and "曾来访" not in str(m)
               for m in response.context["messages"])
    # Her own record: the ID number and address the chair did not enter stay hidden from her.
    assert second.complainant_id != first.complainant_id
    assert second.complainant.same_as_id == first.complainant_id
    assert second.complainant.id_number is None and second.complainant.address is None
    # The handlers see both cases linked.
    detail = login(staff).get(reverse("rights:case_detail", args=[second.pk]))
    assert list(detail.context["earlier"]) == [first]
    # A third visit is linked to the same person, whoever registers it.
    login(staff).post(reverse("rights:case_create"), intake_data(world, id_number=""))
    third = Case.objects.order_by("pk").last()
    assert set(Case.objects.of_person(third.complainant)) == {first, second, third}


def test_dates_that_cannot_be_are_refused(world, login, staff):
    case = CaseFactory(org=world.c1, registered_by=staff, handler=staff,
                       received_on=TODAY - datetime.timedelta(days=5), consent_to_share=True)
    client = login(staff)
    url = reverse("rights:action_create", args=[case.pk])
    visit = ActionType.objects.get(code="home_visit").pk
    for on, due, field in ((TODAY + datetime.timedelta(days=1), "", "on"),
                           (TODAY - datetime.timedelta(days=9), "", "on"),
                           (TODAY, (TODAY - datetime.timedelta(days=1)).isoformat(), "due_on")):
        response = client.post(url, {"type": visit, "on": on.isoformat(), "due_on": due})
        assert field in response.context["form"].errors
    assert not case.actions.exists()
    referral = case.actions.create(type=ActionType.objects.get(code="referral_court"), by=staff,
                                   on=TODAY, agency="court", feedback_due_on=TODAY)
    response = client.post(reverse("rights:action_feedback", args=[referral.pk]), {
        "feedback_on": (TODAY - datetime.timedelta(days=1)).isoformat(), "feedback": "x"})
    assert "feedback_on" in response.context["form"].errors


def test_yes_no_filters_offer_all_yes_and_no(world, login, staff):
    mine = CaseFactory(org=world.c1, registered_by=staff, handler=staff)
    other = CaseFactory(org=world.c1, registered_by=staff, handler=world.users["street_chair"])
    client = login(staff)
    page = client.get(reverse("rights:case_list"))
    assert list(page.context["filter"].form.fields["mine"].widget.choices) == [
        ("", "全部"), ("true", "是"), ("false", "否")]
    assert {c.pk for c in page.context["page"]} == {mine.pk, other.pk}
    listed = client.get(reverse("rights:case_list"), {"mine": "true"}).context["page"]
    assert [c.pk for c in listed] == [mine.pk]
