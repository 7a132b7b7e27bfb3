"""Celery settings that the fault table in README relies on."""

from django.conf import settings

from directory.services import TIMEOUT_SECONDS as WEBHOOK_TIMEOUT_SECONDS
from directory.tasks import MAX_RETRIES, backoff
from outbox import services as outbox


def test_visibility_timeout_exceeds_longest_task_and_countdown():
    # Redis redelivers a message unacknowledged for this long: a task still running or
    # waiting for its countdown (a webhook or an outbox retry) must not be handed out twice.
    longest_countdown = max(
        *(backoff(retries) for retries in range(MAX_RETRIES)),
        *(outbox.backoff(attempts) for attempts in range(1, outbox.MAX_ATTEMPTS + 1)),
    )
    timeout = settings.CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"]
    assert timeout > longest_countdown + settings.CELERY_TASK_TIME_LIMIT


def test_visibility_timeout_returns_a_killed_workers_messages_within_the_hour():
    assert settings.CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"] <= 3600


def test_task_time_limits_leave_room_for_the_longest_webhook_post():
    assert WEBHOOK_TIMEOUT_SECONDS < settings.CELERY_TASK_SOFT_TIME_LIMIT
    assert settings.CELERY_TASK_SOFT_TIME_LIMIT < settings.CELERY_TASK_TIME_LIMIT


def test_publishing_is_bounded_for_web_requests():
    assert settings.CELERY_TASK_PUBLISH_RETRY_POLICY["max_retries"] == 0
    assert settings.CELERY_BROKER_CONNECTION_TIMEOUT <= 1
    assert settings.CELERY_BROKER_TRANSPORT_OPTIONS["socket_connect_timeout"] <= 1
    # A hung Redis: two publishes per certification stay well inside gunicorn's 30 s.
    assert settings.CELERY_BROKER_TRANSPORT_OPTIONS["socket_timeout"] <= 5
