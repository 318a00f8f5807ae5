"""On PostgreSQL, the database itself refuses to change or delete access-log rows."""

from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION federation_accesslog_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'federation_accesslog is append-only';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER federation_accesslog_no_update BEFORE UPDATE OR DELETE ON federation_accesslog
    FOR EACH ROW EXECUTE FUNCTION federation_accesslog_append_only();
"""
DROP = """
DROP TRIGGER IF EXISTS federation_accesslog_no_update ON federation_accesslog;
DROP FUNCTION IF EXISTS federation_accesslog_append_only();
"""


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("federation", "0001_initial")]
    operations = [migrations.RunPython(create, drop)]
