"""Reports of suspected fakes from the verification page become infringement cases.

The case is made in the report's transaction; should that fail, the report still stands
(the reporter is not shown an error for our bookkeeping) and the daily sweep
(`services.cases.cases_for_unlinked_fake_reports`) makes the case later.
"""

import logging

from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver

from certificates.models import FakeReport

logger = logging.getLogger(__name__)


@receiver(post_save, sender=FakeReport, dispatch_uid="supervision_case_from_fake_report")
def case_from_fake_report(sender, instance, created, raw=False, **kwargs):
    if not created or raw:
        return
    from .services import case_create_from_fake_report

    try:
        with transaction.atomic():
            case_create_from_fake_report(fake_report=instance)
    except Exception:
        logger.exception("No case yet for fake report %s; the sweep will make it", instance.pk)
