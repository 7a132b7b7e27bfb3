"""Move the transition log of applications into the one activity log.

Every `certification_transitionlog` row is copied to `activity_logentry` with the same
id (the outbox keys notices `transition:<id>` and the legacy `notify_transition` task
takes that id), then the old table, its trigger and function are dropped, and
`TransitionLog` becomes a proxy of `LogEntry` (same content type, so its
`view_transitionlog` permission and the roles holding it stay).

Reversible: going back recreates the table and copies the application entries back;
the activity rows stay (they are append-only) and are skipped if copied again.
"""

from django.db import migrations

DROP_OLD_TRIGGER = """
DROP TRIGGER IF EXISTS certification_transitionlog_immutable ON certification_transitionlog;
DROP FUNCTION IF EXISTS certification_log_immutable();
"""
CREATE_OLD_TRIGGER = """
CREATE OR REPLACE FUNCTION certification_log_immutable() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'certification_transitionlog is append-only';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER certification_transitionlog_immutable
    BEFORE UPDATE OR DELETE ON certification_transitionlog
    FOR EACH ROW EXECUTE FUNCTION certification_log_immutable();
"""
RESET_SEQUENCE = """
SELECT setval(pg_get_serial_sequence('activity_logentry', 'id'),
              COALESCE(MAX(id), 1), MAX(id) IS NOT NULL) FROM activity_logentry;
"""


def _application_type(apps):
    ContentType = apps.get_model("contenttypes", "ContentType")
    return ContentType.objects.get_or_create(app_label="certification", model="application")[0]


def copy_forward(apps, schema_editor):
    TransitionLog = apps.get_model("certification", "TransitionLog")
    LogEntry = apps.get_model("activity", "LogEntry")
    if not TransitionLog.objects.exists():
        return
    LogEntry._meta.get_field("at").auto_now_add = False  # keep each entry's own time
    content_type = _application_type(apps)
    present = set(LogEntry.objects.filter(content_type=content_type).values_list("pk", flat=True))
    LogEntry.objects.bulk_create(
        [
            LogEntry(
                pk=old.pk,
                content_type=content_type,
                object_id=old.application_id,
                action=old.action,
                from_state=old.from_state,
                to_state=old.to_state,
                actor_id=old.actor_id,
                at=old.at,
                comment=old.comment,
                data={"migrated_from": "certification.TransitionLog"},
            )
            for old in TransitionLog.objects.order_by("pk").iterator()
            if old.pk not in present
        ],
        batch_size=1000,
    )
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(RESET_SEQUENCE)


def copy_back(apps, schema_editor):
    TransitionLog = apps.get_model("certification", "TransitionLog")
    LogEntry = apps.get_model("activity", "LogEntry")
    TransitionLog._meta.get_field("at").auto_now_add = False
    content_type = _application_type(apps)
    TransitionLog.objects.bulk_create(
        [
            TransitionLog(
                pk=new.pk,
                application_id=new.object_id,
                action=new.action,
                from_state=new.from_state,
                to_state=new.to_state,
                actor_id=new.actor_id,
                at=new.at,
                comment=new.comment,
            )
            for new in LogEntry.objects.filter(content_type=content_type).order_by("pk")
        ],
        batch_size=1000,
    )
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(RESET_SEQUENCE.replace("activity_logentry", "certification_transitionlog"))


def drop_old_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP_OLD_TRIGGER)


def create_old_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE_OLD_TRIGGER)


class Migration(migrations.Migration):
    dependencies = [
        ("activity", "0002_append_only"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("certification", "0005_alter_review_onsite_date"),
    ]

    operations = [
        # Backwards, in reverse order: the table comes back, then its rows, then its trigger.
        migrations.RunPython(migrations.RunPython.noop, create_old_trigger),
        migrations.RunPython(copy_forward, copy_back),
        migrations.RunPython(drop_old_trigger, migrations.RunPython.noop),
        migrations.DeleteModel(name="TransitionLog"),
        migrations.CreateModel(
            name="TransitionLog",
            fields=[],
            options={
                "verbose_name": "流转记录",
                "verbose_name_plural": "流转记录",
                "ordering": ["at", "pk"],
                "proxy": True,
                "indexes": [],
                "constraints": [],
            },
            bases=("activity.logentry",),
        ),
    ]
