"""One activity log for every object: who did what to it, when, from which state to which.

Written by `brandportal.transitions.run_transition` (and by `log_action` for changes that
are not transitions); never changed or deleted: the model refuses both and, on
PostgreSQL, a trigger rejects UPDATE and DELETE (migration 0002).
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils.translation import gettext_lazy as _


class ImmutableLogError(Exception):
    """Raised on any attempt to change or delete a log entry."""


class LogEntryQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise ImmutableLogError("Log entries cannot be changed.")

    def delete(self):
        raise ImmutableLogError("Log entries cannot be deleted.")

    def for_object(self, obj):
        content_type = ContentType.objects.get_for_model(obj)
        return self.filter(content_type=content_type, object_id=obj.pk)


class LogEntry(models.Model):
    """One action on one object. `action`, `from_state` and `to_state` are the codes of
    the object's own state machine; their labels come from the object's model (its
    `state` field's choices and its `LOG_ACTIONS` choices)."""

    content_type = models.ForeignKey(
        ContentType, verbose_name=_("对象类型"), on_delete=models.PROTECT, related_name="+"
    )
    object_id = models.PositiveBigIntegerField(_("对象编号"))
    content_object = GenericForeignKey("content_type", "object_id")
    action = models.CharField(_("操作"), max_length=40)
    from_state = models.CharField(_("原状态"), max_length=30, blank=True)
    to_state = models.CharField(_("新状态"), max_length=30, blank=True)
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
    data = models.JSONField(_("附加数据"), default=dict, blank=True)

    objects = LogEntryQuerySet.as_manager()

    class Meta:
        ordering = ["at", "pk"]
        indexes = [models.Index(fields=["content_type", "object_id", "at"])]
        verbose_name = _("操作记录")
        verbose_name_plural = _("操作记录")

    def __str__(self):
        return f"{self.content_type_id}/{self.object_id}: {self.from_state} → {self.to_state}"

    def save(self, *args, **kwargs):
        if self.pk is not None or not self._state.adding:
            raise ImmutableLogError("Log entries cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ImmutableLogError("Log entries cannot be deleted.")

    # Labels, looked up on the logged object's model (no app is imported here).
    def _model(self):
        return ContentType.objects.get_for_id(self.content_type_id).model_class()

    def _state_label(self, code: str):
        field = getattr(self._model(), "LOG_STATE_FIELD", "state")
        try:
            choices = dict(self._model()._meta.get_field(field).flatchoices)
        except FieldDoesNotExist:  # a model without that field: show the code
            return code
        return choices.get(code, code)

    def get_action_display(self):
        return dict(getattr(self._model(), "LOG_ACTIONS", ())).get(self.action, self.action)

    def get_from_state_display(self):
        return self._state_label(self.from_state)

    def get_to_state_display(self):
        return self._state_label(self.to_state)
