"""The periodic tasks are scheduled (migration 0002) and exist under those names."""

import pytest
from django_celery_beat.models import PeriodicTask

from brandportal.celery import app

pytestmark = pytest.mark.django_db

SCHEDULED = {
    "certificates.tasks.expire_due_certificates",
    "certificates.tasks.send_expiry_reminders",
    "certificates.tasks.sweep_unissued_certificates",
}


def test_periodic_tasks_scheduled_and_enabled():
    tasks = PeriodicTask.objects.filter(task__in=SCHEDULED, enabled=True)
    assert {t.task for t in tasks} == SCHEDULED
    daily = tasks.exclude(task__endswith="sweep_unissued_certificates")
    assert all(t.crontab is not None and str(t.crontab.timezone) == "Asia/Shanghai" for t in daily)
    sweep = tasks.get(task__endswith="sweep_unissued_certificates")
    assert (sweep.interval.every, sweep.interval.period) == (10, "minutes")


def test_periodic_task_names_are_registered_with_celery():
    app.loader.import_default_modules()
    assert set(app.tasks) >= SCHEDULED
    assert "certification.tasks.issue_certificate" in app.tasks
