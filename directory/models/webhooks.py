"""Webhook clients and the log of what was sent to them."""

import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..enums import DeliveryStatus, WebhookEvent


def generate_secret() -> str:
    return secrets.token_hex(32)


def validate_webhook_url(value: str) -> None:
    """https only; plain http only where WEBHOOK_ALLOW_HTTP is set (tests, local)."""
    if value.startswith("https://"):
        return
    if value.startswith("http://") and getattr(settings, "WEBHOOK_ALLOW_HTTP", False):
        return
    raise ValidationError(_("回调地址必须以 https:// 开头。"), code="https_required")


def validate_events(value) -> None:
    allowed = set(WebhookEvent.values)
    if not isinstance(value, list) or not value or set(value) - allowed:
        raise ValidationError(
            _("请选择要订阅的事件：%(events)s。") % {"events": "、".join(WebhookEvent.values)}
        )


class WebhookClient(models.Model):
    """A registered receiver of signed POSTs about certificate status changes."""

    name = models.CharField(_("名称"), max_length=100)
    url = models.URLField(_("回调地址"), max_length=500, validators=[validate_webhook_url])
    secret = models.CharField(
        _("签名密钥"),
        max_length=128,
        default=generate_secret,
        help_text=_(
            "用于计算签名，请妥善保管。签名为对“时间戳.投递编号.请求体”计算的 HMAC-SHA256，"
            "见请求头 X-JXGE-Timestamp、X-JXGE-Delivery、X-JXGE-Signature。"
        ),
    )
    events = models.JSONField(_("订阅事件"), default=list, validators=[validate_events])
    is_active = models.BooleanField(_("启用"), default=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("负责人"),
        on_delete=models.PROTECT,
        related_name="webhook_clients",
    )
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("回调客户端")
        verbose_name_plural = _("回调客户端")

    def __str__(self):
        return self.name


class WebhookDelivery(models.Model):
    """One event for one client; sent (and retried) by `directory.tasks.deliver_webhook`.

    The body is fixed when the event happens, so every attempt sends the same bytes, and
    the id (X-JXGE-Delivery) is the same on every attempt: receivers deduplicate on it.
    `next_attempt_at` is when a pending delivery is due (the sweep queues it again past
    that); `sending_until` is the lease of the attempt in flight, if any.
    """

    client = models.ForeignKey(
        WebhookClient,
        verbose_name=_("回调客户端"),
        on_delete=models.CASCADE,
        related_name="deliveries",
    )
    event = models.CharField(_("事件"), max_length=40, choices=WebhookEvent.choices)
    certificate_number = models.CharField(_("证书编号"), max_length=40)
    body = models.TextField(_("请求体"))
    status = models.CharField(
        _("状态"), max_length=10, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("尝试次数"), default=0)
    next_attempt_at = models.DateTimeField(_("下次尝试时间"), default=timezone.now)
    sending_until = models.DateTimeField(_("发送租约到期"), null=True, blank=True)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    delivered_at = models.DateTimeField(_("送达时间"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("回调投递")
        verbose_name_plural = _("回调投递")
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="webhook_delivery_due")]

    def __str__(self):
        return f"{self.client} · {self.event} · {self.certificate_number}"


class DeliveryAttempt(models.Model):
    """One POST of a delivery: what the receiver answered, or why it could not."""

    delivery = models.ForeignKey(
        WebhookDelivery,
        verbose_name=_("回调投递"),
        on_delete=models.CASCADE,
        related_name="attempt_log",
    )
    number = models.PositiveSmallIntegerField(_("第几次"))
    status_code = models.PositiveSmallIntegerField(_("响应状态码"), null=True, blank=True)
    error = models.TextField(_("错误"), blank=True)
    at = models.DateTimeField(_("时间"), auto_now_add=True)

    class Meta:
        ordering = ["delivery", "number"]
        verbose_name = _("投递记录")
        verbose_name_plural = _("投递记录")

    def __str__(self):
        return f"{self.delivery} #{self.number}: {self.status_code or self.error}"
