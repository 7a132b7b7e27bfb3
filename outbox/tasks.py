"""Thin Celery tasks of the outbox: send one message, sweep what got stuck.

`send_message` is queued on commit by `services.message_queue`, and again by the sweep;
claiming makes a second run a no-op. `sweep_outbox` runs every minute (migration 0002).
"""

import datetime

from celery import shared_task
from django.db import InterfaceError, OperationalError

# Longer than queueing and a first send normally take, so the sweep does not race the
# task it backs up (claiming keeps a race harmless anyway).
SWEEP_GRACE = datetime.timedelta(minutes=2)


@shared_task(
    bind=True,
    autoretry_for=(OperationalError, InterfaceError),
    retry_backoff=True,
    retry_backoff_max=600,
    retry_jitter=True,
    max_retries=12,
)
def send_message(self, message_id: int) -> None:
    """Send one outbox message; a transient failure comes back after its backoff.

    Database errors while claiming are retried by Celery; errors while sending put the
    message back to pending (services.message_send) and are retried here. Whatever
    runs out of retries is still pending: the sweep queues it again.
    """
    from .services import message_send

    retry_in = message_send(message_id=message_id)
    if retry_in is not None:
        raise self.retry(countdown=retry_in)


@shared_task(autoretry_for=(OperationalError, InterfaceError), retry_backoff=True, max_retries=3)
def sweep_outbox(grace_seconds: float | None = None) -> int:
    """Queue again the messages whose task was lost or whose worker died."""
    from .services import outbox_sweep

    grace = SWEEP_GRACE if grace_seconds is None else datetime.timedelta(seconds=grace_seconds)
    return len(outbox_sweep(grace=grace))
