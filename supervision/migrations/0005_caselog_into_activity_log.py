"""Move the log of infringement cases into the one activity log, then drop `CaseLog`.

Each row becomes an `activity.LogEntry` with its time, actor and comment (`data` names
the old row). Runs after certification's move, which keeps the application entries'
ids. Backwards, the table is rebuilt from the activity log (whose rows stay: append-only;
a second forward run skips the rows it copied before).
"""

from django.db import migrations

from activity.copying import copy_back_from_activity_log, copy_into_activity_log

COPY = {
    "old": "supervision.CaseLog",
    "parent": "supervision.InfringementCase",
    "fields": {
        "object_id": "case_id",
        "action": "action",
        "from_state": "from_state",
        "to_state": "to_state",
        "actor_id": "actor_id",
        "at": "at",
        "comment": "comment",
    },
}


def copy_forward(apps, schema_editor):
    copy_into_activity_log(apps, **COPY)


def copy_back(apps, schema_editor):
    copy_back_from_activity_log(apps, **COPY)


class Migration(migrations.Migration):
    dependencies = [
        ("activity", "0002_append_only"),
        ("certification", "0006_transitionlog_into_activity_log"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("supervision", "0004_alter_infringementcase_decision_date_and_more"),
    ]

    operations = [
        migrations.RunPython(copy_forward, copy_back),
        migrations.DeleteModel(name="CaseLog"),
    ]
