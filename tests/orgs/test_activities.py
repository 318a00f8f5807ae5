"""The activity log: record with attachments, list filters, detail, edit, export."""

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from orgs.activities.models import Activity, ActivityAttachment, ActivityCategory
from tests.orgs.factories import ActivityFactory

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
PDF = b"%PDF-1.4\n" + b"0" * 64


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def activity_data(world, **extra):
    return {"org": world.c1.pk, "category": ActivityCategory.objects.get(code="health").pk,
            "title": "两癌筛查进社区", "starts_on": "2025-03-08", "place": "党群服务中心",
            "women": "120", "children": "", "participants": "130",
            "partners": "区妇幼保健院", **extra}


@pytest.mark.django_db
def test_chair_records_an_activity_with_photos(world, login):
    client = login(world.users["community_chair"])
    files = [SimpleUploadedFile("现场.png", PNG, "image/png"),
             SimpleUploadedFile("通知.pdf", PDF, "application/pdf")]
    response = client.post(reverse("orgs:activity_create"), {**activity_data(world),
                                                             "files": files})
    activity = Activity.objects.get()
    assert response.status_code == 302 and response["Location"] == activity.get_absolute_url()
    assert activity.created_by == world.users["community_chair"] and activity.children is None
    names = sorted(a.original_name for a in activity.attachments.all())
    assert names == ["现场.png", "通知.pdf"]
    stored = activity.attachments.get(original_name="现场.png")
    assert "现场" not in stored.file.name  # the person-typed name stays out of paths
    download = client.get(reverse("orgs:attachment", args=[stored.pk]))
    assert b"".join(download.streaming_content) == PNG
    assert download["Content-Type"] == "image/png"


@pytest.mark.django_db
@pytest.mark.parametrize("name, content", [
    ("evil.exe", b"MZ" + b"\x00" * 64),
    ("fake.png", b"just some text pretending"),
    ("pic.png", PDF),  # extension and content disagree
])
def test_wrong_file_types_are_refused_and_nothing_saved(world, login, name, content):
    client = login(world.users["community_chair"])
    response = client.post(reverse("orgs:activity_create"), {
        **activity_data(world), "files": [SimpleUploadedFile(name, content)]})
    assert response.status_code == 200 and response.context["form"].errors["files"]
    assert not Activity.objects.exists() and not ActivityAttachment.objects.exists()


@pytest.mark.django_db
def test_size_and_count_limits(world, login, monkeypatch):
    monkeypatch.setattr("orgs.activities.forms.ATTACHMENT_MAX_BYTES", 50)
    client = login(world.users["community_chair"])
    response = client.post(reverse("orgs:activity_create"), {
        **activity_data(world), "files": [SimpleUploadedFile("big.png", PNG)]})
    assert response.context["form"].errors["files"]
    monkeypatch.setattr("orgs.activities.forms.ATTACHMENT_MAX_BYTES", 10 * 1024 * 1024)
    files = [SimpleUploadedFile(f"p{i}.png", PNG) for i in range(11)]
    response = client.post(reverse("orgs:activity_create"), {**activity_data(world),
                                                             "files": files})
    assert response.context["form"].errors["files"]
    assert not Activity.objects.exists()


@pytest.mark.django_db
def test_participants_and_dates_are_checked(world, login):
    client = login(world.users["community_chair"])
    response = client.post(reverse("orgs:activity_create"), activity_data(
        world, women="200", participants="100", ends_on="2025-03-01"))
    errors = response.context["form"].errors
    assert "participants" in errors and "ends_on" in errors


@pytest.mark.django_db
def test_an_activity_dated_in_the_future_is_refused(world, login):
    client = login(world.users["community_chair"])
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    for extra in ({"starts_on": "2027-06-01"}, {"starts_on": tomorrow.isoformat()},
                  {"ends_on": tomorrow.isoformat()}):
        response = client.post(reverse("orgs:activity_create"), activity_data(world, **extra))
        assert response.status_code == 200, extra
        assert set(extra) <= set(response.context["form"].errors), extra
    assert not Activity.objects.exists()
    today = timezone.localdate().isoformat()
    assert client.post(reverse("orgs:activity_create"), activity_data(
        world, starts_on=today)).status_code == 302


@pytest.mark.django_db
def test_chair_cannot_record_for_another_organization(world, login):
    client = login(world.users["community_chair"])
    response = client.post(reverse("orgs:activity_create"), activity_data(world,
                                                                           org=world.c3.pk))
    assert "org" in response.context["form"].errors and not Activity.objects.exists()


@pytest.mark.django_db
def test_list_filters_by_period_category_subtree_and_text(world, login):
    health = ActivityCategory.objects.get(code="health")
    ActivityFactory(org=world.c1, title="宫颈癌筛查", category=health,
                    starts_on=datetime.date(2025, 3, 2))
    ActivityFactory(org=world.c2, title="家风宣讲", starts_on=datetime.date(2025, 3, 9))
    ActivityFactory(org=world.c3, title="家风宣讲二", starts_on=datetime.date(2025, 3, 9))
    ActivityFactory(org=world.c1, title="春节慰问", starts_on=datetime.date(2025, 1, 20),
                    ends_on=datetime.date(2025, 2, 3))
    client = login(world.users["district_staff"])

    def titles(**params):
        response = client.get(reverse("orgs:activities"), params)
        return sorted(a.title for a in response.context["page"])

    assert len(titles()) == 4
    assert titles(category=health.pk) == ["宫颈癌筛查"]
    assert titles(org=world.s1.pk) == ["宫颈癌筛查", "家风宣讲", "春节慰问"]
    assert titles(q="家风") == ["家风宣讲", "家风宣讲二"]
    assert titles(start="2025-02-01", end="2025-02-28") == ["春节慰问"]  # a range overlapping
    street = login(world.users["street_chair"])
    page = street.get(reverse("orgs:activities")).context["page"]
    assert sorted(a.title for a in page) == ["宫颈癌筛查", "家风宣讲", "春节慰问"]


@pytest.mark.django_db
def test_export_holds_the_filtered_list(world, login):
    ActivityFactory(org=world.c1, title="家风宣讲")
    ActivityFactory(org=world.c3, title="不在范围")
    ActivityFactory(org=world.c1, title="别的", starts_on=datetime.date(2024, 1, 1))
    client = login(world.users["street_chair"])
    response = client.get(reverse("orgs:activity_export"), {"start": "2025-01-01"})
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert [r[4] for r in rows[1:]] == ["家风宣讲"]


@pytest.mark.django_db
def test_edit_and_remove_an_attachment(world, login):
    client = login(world.users["community_chair"])
    client.post(reverse("orgs:activity_create"), {
        **activity_data(world), "files": [SimpleUploadedFile("a.png", PNG)]})
    activity = Activity.objects.get()
    client.post(reverse("orgs:activity_edit", args=[activity.pk]),
                activity_data(world, title="改过的标题"))
    activity.refresh_from_db()
    assert activity.title == "改过的标题" and activity.attachments.count() == 1
    attachment = activity.attachments.get()
    assert client.get(reverse("orgs:attachment_delete", args=[attachment.pk])).status_code == 405
    client.post(reverse("orgs:attachment_delete", args=[attachment.pk]))
    assert not activity.attachments.exists()
    detail = client.get(reverse("orgs:activity", args=[activity.pk]))
    assert "改过的标题" in detail.content.decode()


@pytest.mark.django_db
def test_list_query_count_does_not_grow(world, login, get_page):
    client = login(world.users["district_staff"])
    for _ in range(3):
        ActivityFactory(org=world.c1)
    small = get_page(client, reverse("orgs:activities"), queries=10, at_most=True).queries
    for _ in range(25):
        ActivityFactory(org=world.c2)
    get_page(client, reverse("orgs:activities"), queries=small)
