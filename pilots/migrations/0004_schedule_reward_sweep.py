"""Schedule the reward sweep (django-celery-beat): every 30 minutes, create the rewards
whose task was never queued because the broker was down. Idempotent, like the tasks."""

import json

from django.db import migrations

NAME = "试点县：补建遗漏的奖励"
TASK = "pilots.tasks.sweep_missing_rewards"
EVERY_MINUTES = 30


def schedule(apps, schema_editor):
    IntervalSchedule = apps.get_model("django_celery_beat", "IntervalSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    interval, _ = IntervalSchedule.objects.get_or_create(every=EVERY_MINUTES, period="minutes")
    PeriodicTask.objects.update_or_create(
        name=NAME, defaults={"task": TASK, "interval": interval, "args": json.dumps([])}
    )


def unschedule(apps, schema_editor):
    apps.get_model("django_celery_beat", "PeriodicTask").objects.filter(name=NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("pilots", "0003_reward_payouts"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(schedule, unschedule)]
