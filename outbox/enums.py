"""Choices of the outbox, importable from anywhere without the models."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class MessageState(models.TextChoices):
    """pending → sending → sent, or back to pending to retry, or failed for good."""

    PENDING = "pending", _("待发送")
    SENDING = "sending", _("发送中")
    SENT = "sent", _("已发送")
    FAILED = "failed", _("发送失败")
