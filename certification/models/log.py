"""The transition log of applications: written once, never changed or deleted."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..enums import Action, ApplicationState


class ImmutableLogError(Exception):
    """Raised on any attempt to change or delete a transition log entry."""


class TransitionLogQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise ImmutableLogError("Transition log entries cannot be changed.")

    def delete(self):
        raise ImmutableLogError("Transition log entries cannot be deleted.")


class TransitionLog(models.Model):
    """Who moved which application from which state to which, when, and why.

    Immutable at three levels: the model refuses updates and deletes, the admin shows it
    read-only, and on PostgreSQL a trigger rejects UPDATE and DELETE (migration 0002).
    """

    application = models.ForeignKey(
        "certification.Application",
        verbose_name=_("申请"),
        on_delete=models.PROTECT,
        related_name="log_entries",
    )
    action = models.CharField(_("操作"), max_length=30, choices=Action.choices)
    from_state = models.CharField(_("原状态"), max_length=20, choices=ApplicationState.choices)
    to_state = models.CharField(_("新状态"), max_length=20, choices=ApplicationState.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("操作人"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("为空表示系统自动操作。"),
    )
    at = models.DateTimeField(_("时间"), auto_now_add=True, db_index=True)
    comment = models.TextField(_("说明"), blank=True)

    objects = TransitionLogQuerySet.as_manager()

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("流转记录")
        verbose_name_plural = _("流转记录")

    def __str__(self):
        return f"{self.application_id}: {self.from_state} → {self.to_state}"

    def save(self, *args, **kwargs):
        if self.pk is not None or not self._state.adding:
            raise ImmutableLogError("Transition log entries cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ImmutableLogError("Transition log entries cannot be deleted.")
