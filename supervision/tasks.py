"""Periodic tasks of supervision (scheduled by migration 0003): thin and idempotent."""

from celery import shared_task
from django.db import OperationalError


@shared_task(autoretry_for=(OperationalError,), retry_backoff=True, max_retries=3)
def flag_overdue() -> int:
    from .services.flags import overdue_flags_send

    return overdue_flags_send()
