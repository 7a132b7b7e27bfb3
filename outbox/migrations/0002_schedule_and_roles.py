"""Every minute, send again what is pending too long or stuck (django-celery-beat), and
let provincial administrators see the outbox in the admin."""

import json

from django.db import migrations

from accounts.roles import Role, grant_permissions

NAME = "通知：补发未发送的通知"
TASK = "outbox.tasks.sweep_outbox"


def schedule(apps, schema_editor):
    IntervalSchedule = apps.get_model("django_celery_beat", "IntervalSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    interval, _ = IntervalSchedule.objects.get_or_create(every=1, period="minutes")
    PeriodicTask.objects.update_or_create(
        name=NAME, defaults={"task": TASK, "interval": interval, "args": json.dumps([])}
    )


def unschedule(apps, schema_editor):
    apps.get_model("django_celery_beat", "PeriodicTask").objects.filter(name=NAME).delete()


def grant(apps, schema_editor):
    grant_permissions(apps, Role.PROVINCIAL_ADMIN.value, {"outbox": ["view_message"]})


class Migration(migrations.Migration):
    dependencies = [
        ("outbox", "0001_initial"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
        ("accounts", "0003_notification"),
    ]

    operations = [
        migrations.RunPython(schedule, unschedule),
        migrations.RunPython(grant, migrations.RunPython.noop),
    ]
