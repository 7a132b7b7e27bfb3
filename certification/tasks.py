"""Thin Celery tasks: take ids, fetch, call a service, tolerate "already done"."""

import logging

from celery import shared_task
from django.db import OperationalError

logger = logging.getLogger(__name__)


@shared_task(bind=True, autoretry_for=(ConnectionError,), retry_backoff=True, max_retries=5)
def notify_transition(self, entry_id: int) -> int:
    from .models import TransitionLog
    from .notifications import deliver

    entry = (
        TransitionLog.objects.select_related("application__enterprise").filter(pk=entry_id).first()
    )
    if entry is None:
        return 0
    return deliver(entry)


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
