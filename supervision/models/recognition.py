"""Mutual recognition: other regional brands, and applications citing their certificates."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from brandportal.dates import PAST_DATE, VALIDITY_DATE
from brandportal.storage import private_storage

from ..enums import ReviewStep
from .files import citation_file_path


class RecognisedBrand(models.Model):
    """A regional brand whose certificates the 江西绿色生态 brand recognises (互认)."""

    name = models.CharField(_("品牌名称"), max_length=50, unique=True)
    region = models.CharField(_("所属地区"), max_length=50)
    issuer = models.CharField(_("品牌主管或认证单位"), max_length=200, blank=True)
    agreement_date = models.DateField(
        _("互认协议日期"), null=True, blank=True, validators=[PAST_DATE]
    )
    scope = models.TextField(_("互认范围"), blank=True)
    is_active = models.BooleanField(_("互认有效"), default=True)
    sort_order = models.PositiveSmallIntegerField(_("排序"), default=0)

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("互认品牌")
        verbose_name_plural = _("互认品牌")

    def __str__(self):
        return self.name


class RecognisedCertificateCitation(models.Model):
    """A recognised brand's certificate an application cites.

    The enterprise states it; the reviewer verifies it and records which review steps
    it replaces. Only verified, unexpired citations show on public product pages.
    """

    application = models.ForeignKey(
        "certification.Application",
        verbose_name=_("认证申请"),
        on_delete=models.CASCADE,
        related_name="recognised_citations",
    )
    brand = models.ForeignKey(
        RecognisedBrand, verbose_name=_("互认品牌"), on_delete=models.PROTECT, related_name="+"
    )
    number = models.CharField(_("证书编号"), max_length=60)
    valid_until = models.DateField(_("有效期至"), validators=[VALIDITY_DATE])
    file = models.FileField(
        _("证书文件"), upload_to=citation_file_path, storage=private_storage, blank=True
    )
    file_kind = models.CharField(_("文件格式"), max_length=10, blank=True, editable=False)
    replaced_steps = models.JSONField(
        _("可替代的评审环节"),
        default=list,
        blank=True,
        help_text=_("审核员核实后记录：文件审核、现场审核、产品检测中的若干项。"),
    )
    verified = models.BooleanField(_("审核员已核实"), default=False)
    reviewer_note = models.TextField(_("审核员意见"), blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("核实人"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("登记时间"), auto_now_add=True)

    class Meta:
        ordering = ["application", "brand__sort_order", "pk"]
        verbose_name = _("互认证书引用")
        verbose_name_plural = _("互认证书引用")
        constraints = [
            models.UniqueConstraint(
                fields=["application", "brand", "number"], name="citation_unique_per_application"
            )
        ]

    def __str__(self):
        return f"{self.brand} {self.number}"

    def replaced_step_labels(self) -> list[str]:
        return [str(ReviewStep(step).label) for step in self.replaced_steps if step in ReviewStep]
