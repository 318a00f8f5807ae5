"""On PostgreSQL, the database itself keeps the change trail (auditlog_logentry) append-only:
no UPDATE (except the actor link set to NULL when a user row is deleted), and no DELETE of
entries younger than 180 days (the legal minimum; AUDIT_RETENTION_DAYS may keep them longer)."""

from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION federation_logentry_append_only() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        IF OLD.timestamp > now() - interval '180 days' THEN
            RAISE EXCEPTION 'auditlog_logentry: entries younger than 180 days cannot be deleted';
        END IF;
        RETURN OLD;
    END IF;
    IF NEW.actor_id IS NULL AND OLD.actor_id IS NOT NULL
       AND NEW.changes IS NOT DISTINCT FROM OLD.changes
       AND NEW.timestamp = OLD.timestamp AND NEW.action = OLD.action
       AND NEW.object_pk = OLD.object_pk AND NEW.object_repr = OLD.object_repr
       AND NEW.content_type_id = OLD.content_type_id THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'auditlog_logentry is append-only';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER federation_logentry_append_only BEFORE UPDATE OR DELETE ON auditlog_logentry
    FOR EACH ROW EXECUTE FUNCTION federation_logentry_append_only();
"""
DROP = """
DROP TRIGGER IF EXISTS federation_logentry_append_only ON auditlog_logentry;
DROP FUNCTION IF EXISTS federation_logentry_append_only();
"""


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("federation", "0004_security"), ("auditlog", "0017_add_actor_email")]
    operations = [migrations.RunPython(create, drop)]
