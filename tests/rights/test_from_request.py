"""A request an executive member passed up becomes a rights case: the intake starts from it
(its id, an opaque number, is all the URL carries), the case keeps the link, and the request
says which case it became."""

from django.urls import reverse
from django.utils import timezone

from orgs.duties.models import RequestStatus
from rights.models import Case, Category, Channel
from tests.orgs.factories import DutyFactory, voice_request
from tests.rights.factories import make_rights_staff

NAME, PHONE = "张美玲", "13812345678"


def test_a_request_turns_into_a_case_and_keeps_the_link(world, member, login):
    voice = voice_request(DutyFactory(person=member.person), woman_name=NAME, woman_phone=PHONE,
                          detail="丈夫多次殴打，希望得到帮助")
    staff = make_rights_staff(world.users["district_staff"])
    client = login(staff)
    page = client.get(voice.get_absolute_url()).content.decode()
    intake = reverse("rights:case_create") + f"?from_request={voice.pk}"
    assert intake.replace("&", "&amp;") in page or intake in page
    form = client.get(intake)
    text = form.content.decode()
    assert form.status_code == 200 and NAME in text and PHONE in text
    assert "丈夫多次殴打" in text and "小区缺少托育点" in text
    today = timezone.localdate().isoformat()
    response = client.post(intake, {
        "channel": Channel.objects.get(code="phone").pk, "received_on": today, "risk": 2,
        "name": NAME, "gender": "F", "phone": PHONE, "org": world.c1.pk,
        "category": Category.objects.get(code="domestic_violence").pk,
        "summary": "丈夫多次殴打，希望得到帮助", "children_involved": 0, "age": 35,
        "consent_to_share": "no"})  # intake asks for consent (issue 15)
    case = Case.objects.get()
    assert response.status_code == 302 and case.source_request == voice
    voice.refresh_from_db()
    assert voice.status == RequestStatus.CASE and voice.case_number == case.number
    assert voice.answered_by == staff
    member_page = login(member).get(voice.get_absolute_url()).content.decode()
    assert case.number in member_page
    assert NAME not in intake and PHONE not in intake


def test_an_unknown_or_foreign_request_prefills_nothing(world, member, login):
    voice = voice_request(DutyFactory(person=member.person), woman_name=NAME)
    chair = login(world.users["community_chair"])  # not district staff: no pre-fill
    page = chair.get(reverse("rights:case_create") + f"?from_request={voice.pk}")
    assert page.status_code == 200 and NAME not in page.content.decode()
    staff = login(make_rights_staff(world.users["district_staff"]))
    for bad in ("999999", "abc", ""):
        response = staff.get(reverse("rights:case_create") + f"?from_request={bad}")
        assert response.status_code == 200 and NAME not in response.content.decode()
