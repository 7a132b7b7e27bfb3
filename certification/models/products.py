"""Products an enterprise puts forward for certification."""

import uuid

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from brandportal.files import ImageValidator


class Product(models.Model):
    """A product (or service) of an enterprise; the enterprise's users manage their own."""

    enterprise = models.ForeignKey(
        "enterprises.Enterprise",
        verbose_name=_("企业"),
        on_delete=models.PROTECT,
        related_name="products",
    )
    name = models.CharField(_("产品名称"), max_length=200)
    category = models.ForeignKey(
        "standards.ProductCategory",
        verbose_name=_("产品类别"),
        on_delete=models.PROTECT,
        related_name="products",
    )
    trademark = models.CharField(_("商标"), max_length=100, blank=True)
    description = models.TextField(_("产品描述"), blank=True)
    site_address = models.CharField(_("生产地址"), max_length=255)
    site_division = models.ForeignKey(
        "enterprises.AdministrativeDivision",
        verbose_name=_("生产地所在区划"),
        on_delete=models.PROTECT,
        related_name="products",
    )
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        ordering = ["enterprise", "name"]
        verbose_name = _("产品")
        verbose_name_plural = _("产品")
        constraints = [
            models.UniqueConstraint(
                fields=["enterprise", "name"],
                name="product_unique_name_per_enterprise",
                violation_error_message=_("本企业已有同名产品。"),
            )
        ]

    def __str__(self):
        return self.name


def product_photo_path(instance, filename: str) -> str:
    # No part of the user's name: the storage adds the extension of the re-encoded image.
    return f"products/{timezone.now():%Y/%m}/{uuid.uuid4().hex}"


class ProductPhoto(models.Model):
    """A photo of a product, stored re-encoded (see `brandportal.storage`)."""

    product = models.ForeignKey(
        Product, verbose_name=_("产品"), on_delete=models.CASCADE, related_name="photos"
    )
    image = models.ImageField(
        _("照片"), upload_to=product_photo_path, validators=[ImageValidator()]
    )
    caption = models.CharField(_("说明"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("产品照片")
        verbose_name_plural = _("产品照片")

    def __str__(self):
        return self.caption or self.image.name
