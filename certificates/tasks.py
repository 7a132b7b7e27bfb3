"""Periodic tasks of certificates (scheduled by migration 0002): thin, each idempotent.

The issuing task itself is `certification.tasks.issue_certificate`, the hand-over point.
"""

import datetime
import logging

from celery import shared_task
from celery.signals import worker_process_init
from django.db import OperationalError

logger = logging.getLogger(__name__)


@worker_process_init.connect
def _load_fonts(**kwargs):
    """Each worker child loads the certificate font before its first task."""
    from .rendering import warm_up

    try:
        warm_up()
    except Exception:  # a child that cannot warm up still serves; the task will report
        logger.exception("Could not load the certificate font")


# Longer than a normal issue takes, so the sweep does not race the task it backs up.
SWEEP_GRACE = datetime.timedelta(minutes=10)


@shared_task(autoretry_for=(OperationalError,), retry_backoff=True, max_retries=3)
def expire_due_certificates() -> int:
    from .services import certificates_expire_due

    return certificates_expire_due()


@shared_task(autoretry_for=(OperationalError,), retry_backoff=True, max_retries=3)
def send_expiry_reminders() -> int:
    from .services import expiry_reminders_send

    return expiry_reminders_send()


@shared_task
def sweep_unissued_certificates(grace_seconds: float | None = None) -> int:
    """Queue issuing again for certified applications still without a finished certificate."""
    from certification.tasks import issue_certificate

    from .services import certificates_needing_issue

    grace = SWEEP_GRACE if grace_seconds is None else datetime.timedelta(seconds=grace_seconds)
    application_ids = certificates_needing_issue(grace=grace)
    for application_id in application_ids:
        issue_certificate.delay(application_id)
    return len(application_ids)
