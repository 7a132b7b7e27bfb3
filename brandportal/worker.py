"""The Celery worker's consumer, with the fix that keeps it alive through a broker restart.

Celery 5.7.0 handles a lost connection by first collecting it, which clears the kombu
transport's `client`, and then closing it. Anything that still touches a channel of that
connection reaches Redis through the cleared client, and `client.hostname` on None raises
an AttributeError that nothing catches: "Unrecoverable error", the worker exits. Two
moments do so while a task runs with acks_late (an idle worker has nothing unacknowledged,
which is why it survived):

- closing the channels restores the unacknowledged message: fixed here by closing the
  connection first, while its client is still set, so the restore fails with a connection
  error, which kombu ignores;
- the task's acknowledgement when it ends: avoided by
  CELERY_WORKER_CANCEL_LONG_RUNNING_TASKS_ON_CONNECTION_LOSS, which terminates such a task
  on the connection loss (it cannot be acknowledged anyway). Its work is redone from the
  redelivered message or, when Redis lost it, by the sweeps; every task is idempotent.

tests/brandportal/test_faults.py restarts the broker under a long task; each half of the
fix alone still lets the worker die there. Drop this class once Celery closes before it
collects.
"""

from celery.worker.consumer import Consumer
from kombu.common import ignore_errors


class PortalConsumer(Consumer):
    def on_connection_error_after_connected(self, exc):
        if self.connection is not None:
            ignore_errors(self.connection, self.connection.close)
        super().on_connection_error_after_connected(exc)
