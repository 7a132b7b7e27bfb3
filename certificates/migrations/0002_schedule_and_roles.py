"""Schedule the periodic tasks of certificates (django-celery-beat) and open the admin.

- daily 01:30 Beijing time: expire certificates past their date, then at 08:00 send
  the 90- and 30-day reminders (office hours);
- every 10 minutes: sweep certified applications whose certificate was never issued
  (the broker was down when they were certified).
Each task is idempotent, so a run repeated by beat or by hand changes nothing.
"""

import json

from django.db import migrations

from accounts.roles import Role, grant_permissions

DAILY = {
    "证书：到期自动失效": ("certificates.tasks.expire_due_certificates", "30", "1"),
    "证书：到期前续期提醒": ("certificates.tasks.send_expiry_reminders", "0", "8"),
}
SWEEP = ("证书：补发遗漏证书", "certificates.tasks.sweep_unissued_certificates", 10)
PERMISSIONS = {
    Role.SUPERVISOR: {"certificates": ["view_certificate", "view_fakereport"]},
    Role.PROVINCIAL_ADMIN: {"certificates": ["view_certificate", "view_fakereport"]},
}


def schedule(apps, schema_editor):
    CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
    IntervalSchedule = apps.get_model("django_celery_beat", "IntervalSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    for name, (task, minute, hour) in DAILY.items():
        crontab, _ = CrontabSchedule.objects.get_or_create(
            minute=minute,
            hour=hour,
            day_of_week="*",
            day_of_month="*",
            month_of_year="*",
            timezone="Asia/Shanghai",
        )
        PeriodicTask.objects.update_or_create(
            name=name, defaults={"task": task, "crontab": crontab, "args": json.dumps([])}
        )
    name, task, minutes = SWEEP
    interval, _ = IntervalSchedule.objects.get_or_create(every=minutes, period="minutes")
    PeriodicTask.objects.update_or_create(
        name=name, defaults={"task": task, "interval": interval, "args": json.dumps([])}
    )


def unschedule(apps, schema_editor):
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    PeriodicTask.objects.filter(name__in=[*DAILY, SWEEP[0]]).delete()


def grant(apps, schema_editor):
    for role, codenames in PERMISSIONS.items():
        grant_permissions(apps, role.value, codenames)


class Migration(migrations.Migration):
    dependencies = [
        ("certificates", "0001_initial"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
        ("accounts", "0003_notification"),
    ]

    operations = [
        migrations.RunPython(schedule, unschedule),
        migrations.RunPython(grant, migrations.RunPython.noop),
    ]
