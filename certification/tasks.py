"""Thin Celery tasks: take ids, fetch, call a service, tolerate "already done"."""

import logging

from celery import shared_task
from django.db import OperationalError

logger = logging.getLogger(__name__)


@shared_task(autoretry_for=(OperationalError,), retry_backoff=True, max_retries=5)
def notify_transition(entry_id: int) -> int:
    """Record a log entry's notices in the outbox, unless they are there already.

    Transitions record them themselves now (certification.notifications); this task
    stays for the ones queued before the outbox existed, so they are not dropped as
    unknown tasks on deployment. Remove it in the release after.
    """
    from .models import TransitionLog
    from .notifications import notices_queue

    entry = TransitionLog.objects.filter(pk=entry_id).first()
    if entry is None:
        return 0
    return notices_queue(entry)


@shared_task(
    bind=True,
    autoretry_for=(ConnectionError, TimeoutError, OperationalError),
    retry_backoff=True,
    retry_backoff_max=600,
    retry_jitter=True,
    max_retries=8,
)
def issue_certificate(self, application_id: int) -> str:
    """Issue the certificate of a certified application (certificates.services).

    Queued on commit by the `certify` transition, and again by the sweep if that was
    lost. Idempotent: a rerun finds the certificate and finishes what is left. Transient
    errors (database, network) are retried with exponential backoff.
    """
    from certificates.services import certificate_issue

    certificate = certificate_issue(application_id=application_id)
    return certificate.number if certificate is not None else "nothing to do"
