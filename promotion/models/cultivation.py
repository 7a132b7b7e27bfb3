"""Key cultivation lists (重点培育产品清单, 品牌企业培育工程)."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from brandportal.dates import PLANNED_DATE
from enterprises.models import DivisionLevel


class CultivationEntry(models.Model):
    """An enterprise, and optionally one of its products, on a county's list for a year.

    The list of a county and year is its entries. Whether an entry is certified is never
    stored: `promotion.cultivation` counts it from the certification records.
    """

    county = models.ForeignKey(
        "enterprises.AdministrativeDivision",
        verbose_name=_("县（区）"),
        on_delete=models.PROTECT,
        related_name="cultivation_entries",
        limit_choices_to={"level": DivisionLevel.COUNTY},
    )
    year = models.PositiveSmallIntegerField(_("年度"))
    enterprise = models.ForeignKey(
        "enterprises.Enterprise",
        verbose_name=_("企业"),
        on_delete=models.PROTECT,
        related_name="cultivation_entries",
    )
    product = models.ForeignKey(
        "certification.Product",
        verbose_name=_("产品"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="cultivation_entries",
        help_text=_("留空表示培育企业整体（企业任一产品获证即计为已认证）。"),
    )
    sector = models.ForeignKey(
        "standards.ProductCategory",
        verbose_name=_("产业"),
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"parent__isnull": True},
    )
    target = models.CharField(
        _("培育目标"), max_length=200, help_text=_("如：2026年底前获得“江西绿色生态”认证。")
    )
    target_date = models.DateField(
        _("目标完成日期"), null=True, blank=True, validators=[PLANNED_DATE]
    )
    note = models.TextField(_("备注"), blank=True)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)

    class Meta:
        ordering = ["county", "-year", "enterprise__name", "pk"]
        verbose_name = _("重点培育清单条目")
        verbose_name_plural = _("重点培育清单")
        constraints = [
            models.UniqueConstraint(
                fields=["county", "year", "enterprise", "product"],
                condition=Q(product__isnull=False),
                name="cultivation_unique_product",
                violation_error_message=_("该产品已在本县本年度的培育清单中。"),
            ),
            models.UniqueConstraint(
                fields=["county", "year", "enterprise"],
                condition=Q(product__isnull=True),
                name="cultivation_unique_enterprise",
                violation_error_message=_("该企业已在本县本年度的培育清单中。"),
            ),
        ]

    def __str__(self):
        what = self.product.name if self.product_id else self.enterprise.name
        return f"{self.year} {what}"

    def clean(self):
        errors = {}
        if self.enterprise_id and self.county_id and self.enterprise.division_id != self.county_id:
            errors["enterprise"] = _("该企业不在所选县（区）。")
        if (
            self.product_id
            and self.enterprise_id
            and self.product.enterprise_id != self.enterprise_id
        ):
            errors["product"] = _("该产品不属于所选企业。")
        if errors:
            raise ValidationError(errors)
