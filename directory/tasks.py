"""Thin Celery tasks: fetch by id, call a service."""

import datetime

from celery import shared_task
from django.db import InterfaceError, OperationalError

from . import services

MAX_RETRIES = services.MAX_ATTEMPTS - 1  # 30 s, 1 min, 2 min, 4 min, 8 min, 16 min
backoff = services.backoff


@shared_task(
    bind=True,
    autoretry_for=(OperationalError, InterfaceError),
    retry_backoff=True,
    retry_backoff_max=600,
    max_retries=MAX_RETRIES,
)
def deliver_webhook(self, delivery_id: int) -> None:
    """Send one webhook delivery; a failed POST comes back after its backoff.

    The attempts are counted on the delivery, not by this task, so a run queued again
    by the sweep goes on where the lost one stopped. Database errors are retried here;
    what runs out of retries is still pending, and the sweep queues it again.
    """
    retry_in = services.webhook_deliver(delivery_id=delivery_id)
    if retry_in is not None:
        raise self.retry(countdown=retry_in)


# Longer than queueing normally takes, so the sweep does not race the task it backs up.
SWEEP_GRACE = datetime.timedelta(minutes=5)


@shared_task
def requeue_lost_webhooks() -> int:
    """Periodic (migration 0003, every 15 minutes): queue pending deliveries past their
    next attempt whose task was lost or whose worker died."""
    return len(services.webhooks_requeue_lost(grace=SWEEP_GRACE))
