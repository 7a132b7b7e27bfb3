"""The public directory's read model: one flat row per issued certificate."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from certificates.enums import CertificateStatus


class ListingQuerySet(models.QuerySet):
    def with_related(self):
        return self.select_related("category", "division")


class Listing(models.Model):
    """A certified product as the public sees it: the certificate's snapshot, kept flat.

    Rows are written only by `directory.services.listing_sync`, which the receivers call
    whenever a certificate is issued or its status changes; `updated_at` then moves, so
    API clients can sync incrementally (`updated_since`) and walk the list by a cursor on
    (updated_at, id). The foreign keys exist for filtering; the names shown are the ones
    printed on the certificate. Nothing private (contacts, files) is copied here.
    """

    certificate = models.OneToOneField(
        "certificates.Certificate",
        verbose_name=_("证书"),
        on_delete=models.CASCADE,
        related_name="listing",
    )
    product = models.ForeignKey(
        "certification.Product",
        verbose_name=_("产品"),
        on_delete=models.CASCADE,
        related_name="listings",
    )
    enterprise = models.ForeignKey(
        "enterprises.Enterprise",
        verbose_name=_("企业"),
        on_delete=models.CASCADE,
        related_name="listings",
    )
    category = models.ForeignKey(
        "standards.ProductCategory",
        verbose_name=_("产品类别"),
        on_delete=models.PROTECT,
        related_name="listings",
    )
    division = models.ForeignKey(
        "enterprises.AdministrativeDivision",
        verbose_name=_("所在县（区）"),
        on_delete=models.PROTECT,
        related_name="listings",
    )
    standard = models.ForeignKey(
        "standards.Standard",
        verbose_name=_("依据标准"),
        on_delete=models.PROTECT,
        related_name="listings",
    )
    certification_body = models.ForeignKey(
        "enterprises.CertificationBody",
        verbose_name=_("认证机构"),
        on_delete=models.PROTECT,
        related_name="listings",
    )
    number = models.CharField(_("证书编号"), max_length=40, unique=True)
    product_name = models.CharField(_("产品名称"), max_length=200)
    enterprise_name = models.CharField(_("企业名称"), max_length=200)
    credit_code = models.CharField(_("统一社会信用代码"), max_length=18, db_index=True)
    standard_code = models.CharField(_("标准编号"), max_length=50)
    standard_title = models.CharField(_("标准名称"), max_length=300)
    body_name = models.CharField(_("认证机构"), max_length=200)
    status = models.CharField(_("证书状态"), max_length=10, choices=CertificateStatus.choices)
    issued_on = models.DateField(_("发证日期"))
    valid_until = models.DateField(_("有效期至"))
    updated_at = models.DateTimeField(_("更新时间"))

    objects = ListingQuerySet.as_manager()

    class Meta:
        ordering = ["-updated_at", "-id"]
        verbose_name = _("认证产品")
        verbose_name_plural = _("认证产品")
        indexes = [
            # The cursor's order, alone and behind the default status filter.
            models.Index(fields=["-updated_at", "-id"], name="listing_updated"),
            models.Index(fields=["status", "-updated_at", "-id"], name="listing_status_updated"),
            models.Index(fields=["status", "division"], name="listing_status_division"),
            models.Index(fields=["status", "category"], name="listing_status_category"),
            models.Index(fields=["product_name"], name="listing_product_name"),
            models.Index(fields=["enterprise_name"], name="listing_enterprise_name"),
        ]

    def __str__(self):
        return f"{self.product_name}（{self.number}）"
