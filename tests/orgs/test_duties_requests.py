"""Voices passed up (社情民意 / 诉求): forward, receive, answer; the member sees the answer; the
woman's personal data is encrypted, masked, revealed only with a reason (access-logged) and
never in a URL."""

import datetime

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from federation.kernel.models import AccessLog
from orgs.duties import services
from orgs.duties.models import Duty, DutyKind, RequestStatus, VoiceRequest
from tests.orgs.factories import DutyFactory, voice_request

NAME, PHONE = "张美玲", "13812345678"


@pytest.fixture
def voice_duty(member):
    return DutyFactory(person=member.person, kind=DutyKind.objects.get(code="voice"),
                       done_on=timezone.localdate(), text="小区没有托育点")


def forward(client, duty, **extra):
    data = {"subject": "小区缺少托育点", "detail": "双职工家庭接送困难，张美玲家尤其困难",
            "woman_name": NAME, "woman_phone": PHONE, **extra}
    return client.post(reverse("orgs:duty_forward", args=[duty.pk]), data)


def test_a_member_passes_a_voice_up_and_sees_the_answer(world, member, voice_duty, login):
    client = login(member)
    response = forward(client, voice_duty)
    voice = VoiceRequest.objects.get()
    assert response.status_code == 302 and response["Location"] == voice.get_absolute_url()
    assert voice.status == RequestStatus.FORWARDED and voice.org == world.c1
    assert voice.forwarded_by == member
    # A second time is refused (the duty is passed up already).
    assert forward(client, voice_duty).status_code == 403

    staff = login(world.users["district_staff"])
    listed = staff.get(reverse("orgs:duty_requests"), {"status": "open"}).content.decode()
    assert "小区缺少托育点" in listed
    assert staff.post(reverse("orgs:duty_request_acknowledge", args=[voice.pk])).status_code == 302
    voice.refresh_from_db()
    assert voice.status == RequestStatus.ACKNOWLEDGED and voice.acknowledged_at
    staff.post(reverse("orgs:duty_request_answer", args=[voice.pk]),
               {"answer": "已协调街道，明年新增普惠托育点。"})
    voice.refresh_from_db()
    assert voice.status == RequestStatus.ANSWERED
    assert voice.answered_by == world.users["district_staff"]

    client = login(member)
    page = client.get(reverse("orgs:duty", args=[voice_duty.pk])).content.decode()
    assert "已协调街道，明年新增普惠托育点。" in page
    assert "已协调街道" in client.get(voice.get_absolute_url()).content.decode()


def test_an_empty_answer_is_refused_with_a_message(world, voice_duty):
    voice = services.forward(voice_duty.person.account, voice_duty, subject="题目")
    with pytest.raises(services.DutyError):
        services.answer(world.users["district_staff"], voice, "  ")
    voice.refresh_from_db()
    assert voice.status == RequestStatus.FORWARDED


def test_the_answer_page_shows_form_errors_not_a_server_error(world, voice_duty, login):
    voice = voice_request(voice_duty)
    response = login(world.users["district_staff"]).post(
        reverse("orgs:duty_request_answer", args=[voice.pk]), {"answer": ""})
    assert response.status_code == 400 and "该字段是必填项" in response.content.decode()


def test_state_changes_refuse_a_request_already_dealt_with(world, voice_duty):
    staff = world.users["district_staff"]
    voice = voice_request(voice_duty)
    services.answer(staff, voice, "已办结")
    with pytest.raises(services.DutyError):
        services.acknowledge(staff, voice)
    with pytest.raises(services.DutyError):
        services.answer(staff, voice, "再答一次")


def test_only_district_staff_handle_requests(world, voice_duty, login):
    voice = voice_request(voice_duty)
    for role in ("community_chair", "street_chair", "leader"):
        client = login(world.users[role])
        assert client.post(reverse("orgs:duty_request_acknowledge",
                                   args=[voice.pk])).status_code == 403, role
    assert login(voice_duty.person.account).post(
        reverse("orgs:duty_request_answer", args=[voice.pk]), {"answer": "x"}).status_code == 403


def test_only_a_voice_can_be_passed_up(world, member, login):
    duty = DutyFactory(person=member.person)  # a contact visit
    assert forward(login(member), duty).status_code == 403
    with pytest.raises(services.DutyError):
        services.forward(member, duty, subject="x")


def test_personal_data_is_encrypted_at_rest(world, voice_duty):
    voice = voice_request(voice_duty, woman_name=NAME, woman_phone=PHONE)
    with connection.cursor() as cursor:
        cursor.execute("SELECT woman_name, woman_phone, detail FROM orgs_voicerequest "
                       "WHERE id = %s", [voice.pk])
        stored = " ".join(str(v) for v in cursor.fetchone())
    assert NAME not in stored and PHONE not in stored and "接送" not in stored
    assert str(voice) == f"request #{voice.pk}"


def test_masked_on_the_page_and_in_the_list(world, voice_duty, login):
    voice = voice_request(voice_duty)
    for role in ("district_staff", "community_chair"):
        client = login(world.users[role])
        page = client.get(voice.get_absolute_url()).content.decode()
        assert NAME not in page and PHONE not in page and "接送" not in page, role
        assert "张*玲" in page and "138****5678" in page
        assert NAME not in client.get(reverse("orgs:duty_requests")).content.decode()
    views = AccessLog.objects.filter(action=AccessLog.Action.VIEW,
                                     object_type="orgs.voicerequest", object_id=str(voice.pk))
    assert views.count() == 2 and NAME not in views.first().object_label


def test_revealed_only_with_a_reason_and_logged(world, voice_duty, login):
    voice = voice_request(voice_duty)
    client = login(world.users["district_staff"])
    url = reverse("orgs:duty_request_reveal", args=[voice.pk])
    refused = client.post(url, {"reason": ""})
    assert refused.status_code == 200 and NAME not in refused.content.decode()
    shown = client.post(url, {"reason": "电话回访当事妇女"})
    assert NAME in shown.content.decode() and PHONE in shown.content.decode()
    entry = AccessLog.objects.get(action=AccessLog.Action.UNMASK)
    assert entry.reason == "电话回访当事妇女" and entry.object_id == str(voice.pk)
    assert NAME not in url and PHONE not in url


def test_a_chair_supervising_sees_it_masked_only(world, voice_duty, login):
    voice = voice_request(voice_duty)
    client = login(world.users["street_chair"])
    assert client.get(reverse("orgs:duty_request_reveal", args=[voice.pk])).status_code == 403


def test_the_member_who_passed_it_up_may_see_it_in_full(world, member, voice_duty, login):
    client = login(member)
    forward(client, voice_duty)
    voice = VoiceRequest.objects.get()
    shown = client.post(reverse("orgs:duty_request_reveal", args=[voice.pk]),
                        {"reason": "核对我记录的电话"})
    assert PHONE in shown.content.decode()


def test_a_passed_up_duty_is_no_longer_editable(world, member, voice_duty, login):
    voice_request(voice_duty)
    client = login(member)
    assert client.get(reverse("orgs:duty_edit", args=[voice_duty.pk])).status_code == 403


def test_bad_duty_input_gets_a_clear_message(world, member, login):
    client = login(member)
    kind = DutyKind.objects.get(code="contact")
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    response = client.post(reverse("orgs:duty_create"), {
        "person": member.person_id, "kind": kind.pk, "done_on": tomorrow.isoformat()})
    assert response.status_code == 200 and "日期不能晚于今天" in response.content.decode()
    response = client.post(reverse("orgs:duty_create"), {
        "person": member.person_id, "kind": kind.pk, "done_on": "2026-13-45",
        "women_reached": "-3"})
    assert response.status_code == 200 and not Duty.objects.exists()


def test_a_photo_is_checked_by_its_content(world, member, login, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = login(member)
    kind = DutyKind.objects.get(code="contact")
    fake = SimpleUploadedFile("photo.jpg", b"not really a jpeg", content_type="image/jpeg")
    response = client.post(reverse("orgs:duty_create"), {
        "person": member.person_id, "kind": kind.pk,
        "done_on": timezone.localdate().isoformat(), "photo": fake})
    assert response.status_code == 200 and not Duty.objects.exists()
    png = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06"
           b"\x00\x00\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00"
           b"\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82")
    response = client.post(reverse("orgs:duty_create"), {
        "person": member.person_id, "kind": kind.pk,
        "done_on": timezone.localdate().isoformat(),
        "photo": SimpleUploadedFile("x.png", png, content_type="image/png")})
    duty = Duty.objects.get()
    assert response.status_code == 302 and duty.photo_type == "image/png"
    assert "x.png" not in duty.photo.name
    photo = client.get(reverse("orgs:duty_photo", args=[duty.pk]))
    assert photo.status_code == 200 and photo["Content-Type"] == "image/png"
