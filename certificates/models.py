"""Certificates, their number counters, expiry reminders and reports of suspected fakes."""

import uuid
from pathlib import PurePath

from django.db import models
from django.utils.translation import gettext_lazy as _

from brandportal.storage import private_storage

from .enums import STATUSES_WITH_REASON, CertificateStatus


def certificate_pdf_path(instance, filename: str) -> str:
    return f"certificates/{instance.issued_on:%Y}/{instance.number}.pdf"


def report_evidence_path(instance, filename: str) -> str:
    # The stored name carries no part of the reporter's file name but its extension.
    suffix = PurePath(filename).suffix.lower()[:10]
    return f"fake_reports/{uuid.uuid4().hex}{suffix}"


class CertificateCounter(models.Model):
    """The last sequence number used per (year, division); locked while allocating.

    Numbers come only from here and the counter only goes up, so a number is never
    given twice nor reused, even if a certificate row were ever removed.
    """

    year = models.PositiveSmallIntegerField(_("年度"))
    division_code = models.CharField(_("区划代码"), max_length=6)
    last_sequence = models.PositiveIntegerField(_("已用最大序号"), default=0)

    class Meta:
        verbose_name = _("证书编号计数器")
        verbose_name_plural = _("证书编号计数器")
        constraints = [
            models.UniqueConstraint(
                fields=["year", "division_code"], name="certificate_counter_unique"
            )
        ]

    def __str__(self):
        return f"{self.year}-{self.division_code}: {self.last_sequence}"


class Certificate(models.Model):
    """The certificate of one certified application.

    What it states (enterprise, product, standard, body) is a snapshot taken at issue:
    later edits of those records do not change an issued certificate. The status follows
    the application's state (`services.certificate_follow_transition`), with the date and
    the reason of the last suspension or revocation.
    """

    number = models.CharField(_("证书编号"), max_length=40, unique=True, editable=False)
    application = models.OneToOneField(
        "certification.Application",
        verbose_name=_("认证申请"),
        on_delete=models.PROTECT,
        related_name="certificate",
        editable=False,
    )
    enterprise_name = models.CharField(_("企业名称"), max_length=200, editable=False)
    credit_code = models.CharField(_("统一社会信用代码"), max_length=18, editable=False)
    product_name = models.CharField(_("产品名称"), max_length=200, editable=False)
    scope = models.CharField(_("认证范围"), max_length=300, blank=True, editable=False)
    site_address = models.CharField(_("生产地址"), max_length=255, blank=True, editable=False)
    standard_code = models.CharField(_("标准编号"), max_length=50, editable=False)
    standard_title = models.CharField(_("标准名称"), max_length=300, editable=False)
    body_name = models.CharField(_("认证机构"), max_length=200, editable=False)
    division_code = models.CharField(_("区划代码"), max_length=6, editable=False)
    issued_on = models.DateField(_("发证日期"), editable=False)
    valid_until = models.DateField(_("有效期至"), db_index=True, editable=False)
    issued_at = models.DateTimeField(_("签发时间"), auto_now_add=True)
    status = models.CharField(
        _("证书状态"),
        max_length=10,
        choices=CertificateStatus.choices,
        default=CertificateStatus.VALID,
        db_index=True,
        editable=False,
    )
    status_changed_at = models.DateTimeField(
        _("状态变更时间"), null=True, blank=True, editable=False
    )
    status_reason = models.TextField(_("状态变更原因"), blank=True, editable=False)
    replaced_by = models.OneToOneField(
        "self",
        verbose_name=_("由续期证书替代"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="replaces",
        editable=False,
    )
    pdf = models.FileField(
        _("证书文件"),
        upload_to=certificate_pdf_path,
        storage=private_storage,
        blank=True,
        editable=False,
    )
    lookup_count = models.PositiveIntegerField(_("查验次数"), default=0, editable=False)
    last_looked_up_at = models.DateTimeField(
        _("最近查验时间"), null=True, blank=True, editable=False
    )

    class Meta:
        ordering = ["-issued_at", "-pk"]
        verbose_name = _("证书")
        verbose_name_plural = _("证书")

    def __str__(self):
        return self.number

    @property
    def shows_reason(self) -> bool:
        return self.status in STATUSES_WITH_REASON


class ExpiryReminder(models.Model):
    """A reminder to renew, sent once per certificate and threshold (90 or 30 days)."""

    certificate = models.ForeignKey(
        Certificate,
        verbose_name=_("证书"),
        on_delete=models.CASCADE,
        related_name="expiry_reminders",
    )
    days_before = models.PositiveSmallIntegerField(_("到期前天数"))
    sent_at = models.DateTimeField(_("发送时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("到期提醒")
        verbose_name_plural = _("到期提醒")
        constraints = [
            models.UniqueConstraint(
                fields=["certificate", "days_before"], name="expiry_reminder_once"
            )
        ]

    def __str__(self):
        return f"{self.certificate}: {self.days_before}"


class FakeReport(models.Model):
    """A member of the public's report of a suspected fake certificate or mark.

    The number is kept as typed (a fake may carry a number that was never issued);
    `certificate` links the report when the number exists.
    """

    certificate_number = models.CharField(_("证书编号"), max_length=60)
    certificate = models.ForeignKey(
        Certificate,
        verbose_name=_("对应证书"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="fake_reports",
    )
    description = models.TextField(_("情况描述"))
    contact = models.CharField(_("联系方式"), max_length=100)
    evidence = models.FileField(
        _("证据文件"), upload_to=report_evidence_path, storage=private_storage, blank=True
    )
    evidence_kind = models.CharField(_("文件格式"), max_length=10, blank=True)
    created_at = models.DateTimeField(_("举报时间"), auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("假冒举报")
        verbose_name_plural = _("假冒举报")

    def __str__(self):
        return f"{self.certificate_number}（{self.created_at:%Y-%m-%d}）"
