"""The outbox: one row per notice to one user, written with the change it tells of."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .enums import MessageState


class Message(models.Model):
    """A notice to one user: an in-app notification and, if it has a subject, an e-mail.

    Written by the service that makes the change, in the same transaction, so a notice
    exists exactly when its change does. `outbox.services.message_send` claims it
    (pending → sending), creates the in-app notification, sends the e-mail and marks it
    sent; the sweep re-queues what is pending too long or stuck in sending past its
    lease. `(recipient, key)` is unique, and is the in-app notification's key as well.

    `next_attempt_at` is when a pending message is due; while sending, the lease's end.
    `email_started_at` is set, in its own commit, just before the e-mail is handed to
    the mail server: a message stuck in sending with it set may have gone out.
    """

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("接收人"),
        on_delete=models.CASCADE,
        related_name="outbox_messages",
    )
    key = models.CharField(_("去重键"), max_length=100)
    title = models.CharField(_("标题"), max_length=200)
    body = models.TextField(_("内容"), blank=True)
    url = models.CharField(_("链接"), max_length=300, blank=True)
    email_subject = models.CharField(
        _("邮件主题"), max_length=200, blank=True, help_text=_("为空则只发站内通知。")
    )
    email_body = models.TextField(_("邮件正文"), blank=True)
    state = models.CharField(
        _("状态"), max_length=10, choices=MessageState.choices, default=MessageState.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("尝试次数"), default=0)
    last_error = models.TextField(_("最近错误"), blank=True)
    next_attempt_at = models.DateTimeField(_("下次尝试时间"), default=timezone.now)
    email_started_at = models.DateTimeField(_("邮件开始发送时间"), null=True, blank=True)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    sent_at = models.DateTimeField(_("发送时间"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("待发通知")
        verbose_name_plural = _("待发通知")
        constraints = [
            models.UniqueConstraint(fields=["recipient", "key"], name="outbox_message_unique_key")
        ]
        indexes = [
            models.Index(fields=["state", "next_attempt_at"], name="outbox_due"),
        ]

    def __str__(self):
        return f"{self.title} → {self.recipient_id}"
