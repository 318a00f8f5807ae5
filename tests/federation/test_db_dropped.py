"""The database connection dropped in the middle of a request: the user gets the error page,
and nothing of the half-done change is left in the database."""

import pytest
from django.db import OperationalError, connection
from django.urls import reverse

from orgs.models import Organization
from tests.orgs.test_forms import org_data


def drop_connection_on(statement_start: str):
    """An execute wrapper that fails the matching statement like a server that went away."""

    def wrapper(execute, sql, params, many, context):
        if sql.lstrip().upper().startswith(statement_start):
            raise OperationalError("server closed the connection unexpectedly")
        return execute(sql, params, many, context)

    return wrapper


@pytest.mark.django_db(transaction=True)
def test_dropped_connection_mid_create_leaves_no_partial_write(world, login):
    client = login(world.users["street_chair"])
    client.raise_request_exception = False
    numchild = Organization.objects.get(pk=world.s1.pk).numchild
    # Creating a node inserts the row, then updates the parent's child count: fail the update.
    with connection.execute_wrapper(drop_connection_on('UPDATE "ORGS_ORGANIZATION"')):
        response = client.post(reverse("orgs:create", args=[world.s1.pk]),
                               org_data(parent=world.s1.pk))
    assert response.status_code == 500
    page = response.content.decode()
    assert "出错" in page and "Traceback" not in page
    assert not Organization.objects.filter(code="C9").exists()
    assert Organization.objects.get(pk=world.s1.pk).numchild == numchild


def test_friendly_404_and_403(world, login):
    client = login(world.users["community_chair"])
    missing = client.get(reverse("orgs:detail", args=[world.s2.pk]))
    assert missing.status_code == 404 and "页面不存在" in missing.content.decode()
    refused = client.get(reverse("audit_changes"))
    assert refused.status_code == 403 and "无权" in refused.content.decode()


def drop_the_connection():
    """The database ends this process's connection behind Django's back: on PostgreSQL, another
    session terminates its backend (pg_terminate_backend); an embedded SQLite database cannot
    be dropped by a server, so its connection is closed."""
    if connection.vendor != "postgresql":
        connection.close()
        return
    import psycopg2

    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    params = connection.get_connection_params()
    other = psycopg2.connect(**params)
    try:
        other.autocommit = True
        with other.cursor() as cursor:
            cursor.execute("SELECT pg_terminate_backend(%s)", [pid])
            assert cursor.fetchone()[0] is True
    finally:
        other.close()


@pytest.mark.django_db(transaction=True)
def test_a_connection_dropped_between_requests_costs_no_request(world, login):
    from django.db import close_old_connections

    assert connection.settings_dict["CONN_HEALTH_CHECKS"] is True
    client = login(world.users["street_chair"])
    assert client.get(reverse("orgs:list")).status_code == 200
    drop_the_connection()
    # What request_started does before each request on a real server (the test client
    # skips it): kept connections are health-checked before their next use.
    close_old_connections()
    for _ in range(3):
        response = client.get(reverse("orgs:list"))
        assert response.status_code == 200
        assert "东湖街道妇联" in response.content.decode()
