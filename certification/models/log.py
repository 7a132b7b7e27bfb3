"""The transition log of applications: their entries in the one activity log.

`TransitionLog` is a proxy of `activity.LogEntry` restricted to applications. It keeps the
admin page, its URL names and its `view_transitionlog` permission; the rows themselves
live in `activity_logentry` (moved there by migration 0006), append-only like every entry.
"""

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from activity.models import ImmutableLogError, LogEntry, LogEntryQuerySet

__all__ = ["ImmutableLogError", "TransitionLog"]


class TransitionLogManager(models.Manager.from_queryset(LogEntryQuerySet)):
    def get_queryset(self):
        from .applications import Application

        content_type = ContentType.objects.get_for_model(Application)
        return super().get_queryset().filter(content_type=content_type)


class TransitionLog(LogEntry):
    """Who moved which application from which state to which, when, and why."""

    objects = TransitionLogManager()

    class Meta:
        proxy = True
        ordering = ["at", "pk"]
        verbose_name = _("流转记录")
        verbose_name_plural = _("流转记录")

    @property
    def application(self):
        return self.content_object
