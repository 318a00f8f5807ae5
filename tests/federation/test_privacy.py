import pytest
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.test import RequestFactory
from django.urls import reverse

from federation.kernel import privacy
from federation.kernel.models import AccessLog, AppendOnlyError, log_access

VALID_ID = "11010519491231002X"  # the textbook GB 11643 example


def test_resident_id_checksum():
    privacy.validate_resident_id(VALID_ID)
    privacy.validate_resident_id(VALID_ID.lower())
    assert privacy.birth_date_from_id(VALID_ID).isoformat() == "1949-12-31"
    for bad in ("110105194912310021", "1101051949123100", "11010519491331002X", "ABC"):
        with pytest.raises(ValidationError):
            privacy.validate_resident_id(bad)


@pytest.mark.parametrize("function, value, masked", [
    (privacy.mask_phone, "13812345678", "138****5678"),
    (privacy.mask_phone, "138 1234 5678", "138****5678"),
    (privacy.mask_id_number, VALID_ID, "110***********002X"),
    (privacy.mask_name, "张三", "张*"),
    (privacy.mask_name, "张三明", "张*明"),
    (privacy.mask_name, "欧阳娜娜", "欧**娜"),
    (privacy.mask_address, "东湖街道桃源社区12栋3单元", "东湖街道****"),
    (privacy.mask_address, "", ""),
])
def test_masks(function, value, masked):
    assert function(value) == masked


def test_lookup_hash_is_keyed_and_normalised(settings):
    a = privacy.lookup_hash("138 1234 5678", "phone")
    assert a == privacy.lookup_hash("13812345678", "phone") and len(a) == 64
    assert "13812345678" not in a
    assert privacy.lookup_hash("13812345678", "id") != a
    settings.PII_HASH_KEY = "another key"
    assert privacy.lookup_hash("13812345678", "phone") != a
    assert privacy.lookup_hash("", "phone") == ""


def test_access_log_is_append_only(world):
    request = RequestFactory().get("/", REMOTE_ADDR="10.1.2.3")
    request.user = world.users["district_staff"]
    entry = log_access(request, world.users["leader"], AccessLog.Action.VIEW, label="W-2026-0001")
    assert entry.ip == "10.1.2.3" and entry.username == "district_staff"
    entry.reason = "tamper"
    with pytest.raises(AppendOnlyError):
        entry.save()
    with pytest.raises(AppendOnlyError):
        AccessLog.objects.all().delete()
    with pytest.raises(AppendOnlyError):
        AccessLog.objects.update(reason="tamper")
    if connection.vendor == "postgresql":  # the database refuses too
        with pytest.raises(Exception, match="append-only"), transaction.atomic(), \
                connection.cursor() as cursor:
            cursor.execute("UPDATE federation_accesslog SET reason = 'x'")


def test_only_district_admins_search_the_log(world, login):
    request = RequestFactory().get("/")
    request.user = world.users["district_staff"]
    log_access(request, world.users["leader"], AccessLog.Action.EXPORT, label="W-2026-0002")
    url = reverse("access_log")
    for role in ("district_staff", "leader", "street_chair", "community_chair"):
        assert login(world.users[role]).get(url).status_code == 403
    client = login(world.users["district_admin"])
    assert "W-2026-0002" in client.get(url, {"action": "export"}).content.decode()
    assert "W-2026-0002" not in client.get(url, {"action": "view"}).content.decode()
