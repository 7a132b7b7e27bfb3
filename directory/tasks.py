"""Thin Celery tasks: fetch by id, call a service."""

import datetime

from celery import shared_task

from . import services

MAX_RETRIES = 6  # 30 s, 1 min, 2 min, 4 min, 8 min, 16 min


def backoff(retries: int) -> int:
    return 30 * 2**retries


@shared_task(bind=True, max_retries=MAX_RETRIES)
def deliver_webhook(self, delivery_id: int) -> None:
    """Send one webhook delivery; retried with exponential backoff until it succeeds."""
    last_try = self.request.retries >= self.max_retries
    if not services.webhook_deliver(delivery_id=delivery_id, last_try=last_try):
        raise self.retry(countdown=backoff(self.request.retries))


# Longer than queueing normally takes, so the sweep does not race the task it backs up.
SWEEP_GRACE = datetime.timedelta(minutes=15)


@shared_task
def requeue_lost_webhooks() -> int:
    """Periodic (migration 0003): queue deliveries whose task never ran."""
    return len(services.webhooks_requeue_lost(grace=SWEEP_GRACE))
