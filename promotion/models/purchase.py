"""Where to buy (购买渠道): an enterprise's links to its certified products' shops."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..validators import validate_https_url


class PurchaseLink(models.Model):
    """A shop page selling a certified product: an e-commerce platform or its own shop.

    Added only while the product holds a valid certificate (`promotion.services`), and
    shown only while it still does (`promotion.selectors.public_purchase_links`).
    """

    product = models.ForeignKey(
        "certification.Product",
        verbose_name=_("产品"),
        on_delete=models.CASCADE,
        related_name="purchase_links",
    )
    platform = models.CharField(
        _("平台名称"), max_length=50, help_text=_("如：京东、天猫、拼多多、企业自营网店。")
    )
    url = models.URLField(_("网址"), max_length=500, validators=[validate_https_url])
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("添加人"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("添加时间"), auto_now_add=True)

    class Meta:
        ordering = ["product", "platform", "pk"]
        verbose_name = _("购买渠道")
        verbose_name_plural = _("购买渠道")
        constraints = [
            models.UniqueConstraint(
                fields=["product", "url"],
                name="purchase_link_unique_url",
                violation_error_message=_("该产品已添加过这个网址。"),
            )
        ]

    def __str__(self):
        return f"{self.platform}：{self.url}"

    @property
    def enterprise_id(self):
        """For the ownership rules, which compare objects' enterprise_id."""
        return self.product.enterprise_id
