"""News and success cases (品牌动态, 成功案例)."""

import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from brandportal.files import ImageValidator
from enterprises.models import DivisionLevel

from ..enums import ArticleKind, ArticleStatus
from ..sanitize import clean_html
from ..validators import MAX_COVER_BYTES


def article_cover_path(instance, filename: str) -> str:
    # No part of the user's name: the storage adds the extension of the re-encoded image.
    return f"promotion/covers/{timezone.now():%Y/%m}/{uuid.uuid4().hex}"


class ArticleQuerySet(models.QuerySet):
    def published(self):
        """What the public sees: published, with a publication time already reached."""
        return self.filter(status=ArticleStatus.PUBLISHED, published_at__lte=timezone.now())

    def with_related(self):
        return self.select_related("county")


class Article(models.Model):
    """A news item or success case, drafted and published by provincial administrators
    or by a county's officials for their own county (`promotion.rules`).

    The body is HTML cleaned to an allowlist (`promotion.sanitize`) on every save and
    again when rendered. A case features enterprises and certified products; its page
    links each product to its public page.
    """

    kind = models.CharField(
        _("栏目"), max_length=10, choices=ArticleKind.choices, default=ArticleKind.NEWS
    )
    title = models.CharField(_("标题"), max_length=200)
    summary = models.CharField(
        _("摘要"), max_length=300, help_text=_("列表、订阅和分享卡片中显示，300 字以内。")
    )
    body = models.TextField(
        _("正文"),
        help_text=_(
            "可使用 HTML：标题（h2–h4）、段落、列表、链接、图片、表格；"
            "脚本、事件属性和 javascript: 链接会被自动清除。"
        ),
    )
    cover = models.ImageField(
        _("封面图片"),
        upload_to=article_cover_path,
        validators=[ImageValidator(max_bytes=MAX_COVER_BYTES)],
        blank=True,
        help_text=_("JPEG、PNG 或 WebP，不超过 5 MB；用作分享卡片图片。"),
    )
    county = models.ForeignKey(
        "enterprises.AdministrativeDivision",
        verbose_name=_("所属县（区）"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="articles",
        limit_choices_to={"level": DivisionLevel.COUNTY},
        help_text=_("留空表示全省。县级工作人员只能为本县发布。"),
    )
    enterprises = models.ManyToManyField(
        "enterprises.Enterprise", verbose_name=_("相关企业"), blank=True, related_name="articles"
    )
    products = models.ManyToManyField(
        "certification.Product",
        verbose_name=_("相关认证产品"),
        blank=True,
        related_name="articles",
    )
    status = models.CharField(
        _("状态"),
        max_length=10,
        choices=ArticleStatus.choices,
        default=ArticleStatus.DRAFT,
        db_index=True,
    )
    published_at = models.DateTimeField(_("发布时间"), null=True, blank=True, db_index=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("作者"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-pk"]
        verbose_name = _("品牌动态与案例")
        verbose_name_plural = _("品牌动态与案例")
        permissions = [("publish_article", _("发布品牌动态与案例"))]
        indexes = [models.Index(fields=["status", "-published_at"], name="article_listing")]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.body = clean_html(self.body)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("promotion:article_detail", args=[self.pk])

    @property
    def is_published(self) -> bool:
        return self.status == ArticleStatus.PUBLISHED
