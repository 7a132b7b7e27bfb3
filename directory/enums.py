"""Choices of the directory app, importable from anywhere without the models."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class WebhookEvent(models.TextChoices):
    """Certificate status changes a webhook client may subscribe to."""

    SUSPENDED = "certificate.suspended", _("证书暂停")
    REVOKED = "certificate.revoked", _("证书撤销")
    EXPIRED = "certificate.expired", _("证书过期")
    RENEWED = "certificate.renewed", _("证书续期")


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", _("待发送")
    SUCCEEDED = "succeeded", _("已送达")
    FAILED = "failed", _("发送失败")
