"""年度监督: the yearly surveillance audit of a certificate by its certification body."""

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from brandportal.dates import PAST_DATE
from brandportal.storage import private_storage

from ..enums import SurveillanceResult
from .files import surveillance_file_path


class SurveillanceAudit(models.Model):
    """The audit of a certificate's n-th year of validity (due on the n-th anniversary)."""

    certificate = models.ForeignKey(
        "certificates.Certificate",
        verbose_name=_("证书"),
        on_delete=models.PROTECT,
        related_name="surveillance_audits",
    )
    year_number = models.PositiveSmallIntegerField(
        _("监督年度"), validators=[MinValueValidator(1)], help_text=_("发证后第几年的监督。")
    )
    audited_on = models.DateField(_("审核日期"), validators=[PAST_DATE])
    result = models.CharField(_("审核结论"), max_length=10, choices=SurveillanceResult.choices)
    notes = models.TextField(_("审核意见"), blank=True)
    file = models.FileField(
        _("审核报告"), upload_to=surveillance_file_path, storage=private_storage, blank=True
    )
    file_kind = models.CharField(_("文件格式"), max_length=10, blank=True, editable=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("记录人"),
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
    )
    recorded_at = models.DateTimeField(_("记录时间"), auto_now_add=True)

    class Meta:
        ordering = ["certificate", "year_number"]
        verbose_name = _("年度监督审核")
        verbose_name_plural = _("年度监督审核")
        constraints = [
            models.UniqueConstraint(
                fields=["certificate", "year_number"], name="surveillance_once_per_year"
            )
        ]

    def __str__(self):
        return f"{self.certificate} · 第{self.year_number}年"
