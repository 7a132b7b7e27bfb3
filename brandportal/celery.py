"""The Celery application. Settings come from Django's settings under the CELERY_ namespace."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "brandportal.settings")

app = Celery("brandportal")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@app.task(name="brandportal.ping")
def ping(value):
    """Echo `value` back: proves that a worker consumes tasks from the broker."""
    return {"pong": value}
