"""Queue Celery tasks after the surrounding transaction commits, without risking it.

A task is queued only once the data it reads is committed. If queueing fails (the broker
is down, or an eagerly run task raises), the committed change stands and the failure is
logged: periodic sweeps pick up work whose task never ran.
"""

import logging

from django.db import transaction

logger = logging.getLogger(__name__)


def enqueue_on_commit(task, *args, **kwargs) -> None:
    def send():
        try:
            task.delay(*args, **kwargs)
        except Exception:
            logger.exception("Could not queue %s%r; a sweep will retry it", task.name, args)

    transaction.on_commit(send)
