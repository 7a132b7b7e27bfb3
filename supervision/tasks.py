"""Periodic tasks of supervision (scheduled by migration 0003): thin and idempotent."""

from celery import shared_task
from django.db import OperationalError


@shared_task(autoretry_for=(OperationalError,), retry_backoff=True, max_retries=3)
def flag_overdue() -> int:
    """Daily: cases for fake reports the signal missed, then the overdue flags."""
    from .services.cases import cases_for_unlinked_fake_reports
    from .services.flags import overdue_flags_send

    cases_for_unlinked_fake_reports()
    return overdue_flags_send()
