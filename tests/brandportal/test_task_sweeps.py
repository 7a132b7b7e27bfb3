"""Every Celery task of the project is either scheduled by beat or backed by a sweep
that beat schedules: work whose message was lost (broker down at commit, a worker
killed mid-task, Redis without its data) comes back within minutes, not after the
visibility timeout. A new task fails here until it is given its line."""

import pytest
from django_celery_beat.models import PeriodicTask

from brandportal.celery import app

pytestmark = pytest.mark.django_db

# task → the periodic task that re-queues it when its own message is lost.
SWEPT_BY = {
    "certification.tasks.issue_certificate": "certificates.tasks.sweep_unissued_certificates",
    "pilots.tasks.reward_first_certificate": "pilots.tasks.sweep_missing_rewards",
    "pilots.tasks.reward_published_standard": "pilots.tasks.sweep_missing_rewards",
    "directory.tasks.deliver_webhook": "directory.tasks.requeue_lost_webhooks",
    "outbox.tasks.send_message": "outbox.tasks.sweep_outbox",
    # Kept for messages queued before the outbox; its notices are swept as outbox rows.
    "certification.tasks.notify_transition": "outbox.tasks.sweep_outbox",
}
# Periodic tasks: a lost run is made good by the next one (each catches up on all that
# is due, not only today's).
PERIODIC = {
    "certificates.tasks.expire_due_certificates",
    "certificates.tasks.send_expiry_reminders",
    "certificates.tasks.sweep_unissued_certificates",
    "supervision.tasks.flag_overdue",
    "pilots.tasks.sweep_missing_rewards",
    "directory.tasks.requeue_lost_webhooks",
    "outbox.tasks.sweep_outbox",
}
# Not work: the health check's round trip through the broker and a worker.
NOT_WORK = {"brandportal.ping"}


def test_every_project_task_is_periodic_or_swept():
    app.loader.import_default_modules()
    ours = {name for name in app.tasks if not name.startswith("celery.")}
    assert ours == set(SWEPT_BY) | PERIODIC | NOT_WORK


def test_every_sweep_and_periodic_task_is_scheduled_by_beat():
    scheduled = set(PeriodicTask.objects.filter(enabled=True).values_list("task", flat=True))
    assert set(SWEPT_BY.values()) | PERIODIC <= scheduled
