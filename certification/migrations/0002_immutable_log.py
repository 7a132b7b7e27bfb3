"""On PostgreSQL, a trigger rejects any UPDATE or DELETE of a transition log row.

The model already refuses both; the trigger also covers raw SQL and any other code
path. TRUNCATE (used by the test runner to reset tables) does not fire row triggers.
"""

from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION certification_log_immutable() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'certification_transitionlog is append-only';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER certification_transitionlog_immutable
    BEFORE UPDATE OR DELETE ON certification_transitionlog
    FOR EACH ROW EXECUTE FUNCTION certification_log_immutable();
"""
DROP = """
DROP TRIGGER IF EXISTS certification_transitionlog_immutable ON certification_transitionlog;
DROP FUNCTION IF EXISTS certification_log_immutable();
"""


def create_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("certification", "0001_initial")]

    operations = [migrations.RunPython(create_trigger, drop_trigger)]
