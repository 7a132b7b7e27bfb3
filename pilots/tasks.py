"""Thin Celery tasks of the pilots app: take ids, call a reward service.

Each is safe to run twice, or twice at once: the payout's unique constraint lets only
one exist, and a rerun finds it. Transient database errors are retried with backoff.
"""

from celery import shared_task
from django.db import OperationalError

RETRY = {
    "autoretry_for": (OperationalError,),
    "retry_backoff": True,
    "retry_backoff_max": 600,
    "retry_jitter": True,
    "max_retries": 8,
}


@shared_task(**RETRY)
def reward_first_certificate(certificate_id: int) -> int | None:
    """Owe the county's first-certification reward to the certificate's enterprise."""
    from .rewards import payout_for_first_certificate

    payout = payout_for_first_certificate(certificate_id=certificate_id)
    return payout.pk if payout else None


@shared_task(**RETRY)
def reward_published_standard(standard_id: int) -> int | None:
    """Owe the county's reward for a published standard it proposed."""
    from .rewards import payout_for_published_standard

    payout = payout_for_published_standard(standard_id=standard_id)
    return payout.pk if payout else None


@shared_task(**RETRY)
def sweep_missing_rewards() -> int:
    """Create the rewards whose task was never queued (scheduled by migration 0004)."""
    from .rewards import rewards_sweep

    return rewards_sweep()
