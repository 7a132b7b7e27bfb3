"""Thin Celery tasks: take ids, fetch, call a service, tolerate "already done"."""

import logging

from celery import shared_task

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


@shared_task(bind=True, autoretry_for=(ConnectionError,), retry_backoff=True, max_retries=5)
def issue_certificate(self, application_id: int) -> str:
    """Issue the certificate of a certified application (the certificates app renders it).

    The hand-over point from certification to certificates: queued on commit by the
    `certify` service. Until the certificate app exists it reports what it would issue.
    """
    from .enums import ApplicationState
    from .models import Application

    application = Application.objects.filter(pk=application_id).first()
    if application is None or application.state != ApplicationState.CERTIFIED:
        return "nothing to do"
    logger.info("Certificate to be issued for application %s", application_id)
    return "pending certificate"
