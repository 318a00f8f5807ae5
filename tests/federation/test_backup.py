"""`manage.py backup` / `restore`: a round trip (pg_dump/pg_restore on PostgreSQL, the SQLite
backup API otherwise) brings back exactly the data of the moment of the backup."""

import pytest
from django.core.management import CommandError, call_command

from federation.kernel.models import AccessLog
from orgs.models import Organization
from tests.factories import OrganizationFactory


@pytest.mark.django_db(transaction=True)
def test_backup_then_restore_round_trip(tmp_path):
    district = OrganizationFactory(code="BK", name="备份区妇联")
    AccessLog.objects.create(username="auditor", action="view", object_type="orgs.organization")
    target = tmp_path / "nightly" / "federation.dump"
    call_command("backup", str(target))
    assert target.stat().st_size > 0
    assert oct(target.stat().st_mode & 0o777) == "0o600"  # holds the whole database

    Organization.objects.filter(pk=district.pk).update(name="改过的名字")
    OrganizationFactory(code="LATE", name="备份后新增")
    call_command("restore", str(target), "--yes")

    assert Organization.objects.get(code="BK").name == "备份区妇联"
    assert not Organization.objects.filter(code="LATE").exists()
    assert AccessLog.objects.filter(username="auditor").count() == 1


def test_restore_wants_confirmation(tmp_path, db):
    target = tmp_path / "x.dump"
    target.write_bytes(b"x")
    with pytest.raises(CommandError, match="--yes"):
        call_command("restore", str(target))
    with pytest.raises(CommandError, match="does not exist"):
        call_command("restore", str(tmp_path / "missing.dump"), "--yes")
