"""On PostgreSQL, a trigger rejects any UPDATE or DELETE of an activity log row.

The model already refuses both; the trigger also covers raw SQL and any other code
path. TRUNCATE (used by the test runner to reset tables) does not fire row triggers.
"""

from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION activity_logentry_immutable() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'activity_logentry is append-only';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER activity_logentry_immutable
    BEFORE UPDATE OR DELETE ON activity_logentry
    FOR EACH ROW EXECUTE FUNCTION activity_logentry_immutable();
"""
DROP = """
DROP TRIGGER IF EXISTS activity_logentry_immutable ON activity_logentry;
DROP FUNCTION IF EXISTS activity_logentry_immutable();
"""


def create_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("activity", "0001_initial")]

    operations = [migrations.RunPython(create_trigger, drop_trigger)]
