"""Evidence documents of an application, kept in private storage."""

import uuid
from pathlib import PurePath

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from brandportal.storage import private_storage

from ..enums import DocumentType


def document_path(instance, filename: str) -> str:
    # The stored name carries no part of the user's file name but its extension.
    suffix = PurePath(filename).suffix.lower()[:10]
    return f"applications/{instance.application_id}/{uuid.uuid4().hex}{suffix}"


class RequiredDocument(models.Model):
    """A document type a standard requires with every application against it."""

    standard = models.ForeignKey(
        "standards.Standard",
        verbose_name=_("标准"),
        on_delete=models.CASCADE,
        related_name="required_documents",
    )
    document_type = models.CharField(_("材料类型"), max_length=30, choices=DocumentType.choices)

    class Meta:
        verbose_name = _("必备材料")
        verbose_name_plural = _("必备材料")
        constraints = [
            models.UniqueConstraint(
                fields=["standard", "document_type"], name="required_document_unique"
            )
        ]

    def __str__(self):
        return self.get_document_type_display()


class ApplicationDocument(models.Model):
    application = models.ForeignKey(
        "certification.Application",
        verbose_name=_("申请"),
        on_delete=models.CASCADE,
        related_name="documents",
    )
    document_type = models.CharField(_("材料类型"), max_length=30, choices=DocumentType.choices)
    file = models.FileField(_("文件"), upload_to=document_path, storage=private_storage)
    original_name = models.CharField(_("原文件名"), max_length=255)
    content_kind = models.CharField(_("文件格式"), max_length=10)
    size = models.PositiveIntegerField(_("大小（字节）"))
    round = models.PositiveSmallIntegerField(_("轮次"), default=1)
    note = models.CharField(_("备注"), max_length=255, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("上传人"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("上传时间"), auto_now_add=True)

    class Meta:
        ordering = ["application", "document_type", "uploaded_at"]
        verbose_name = _("证明材料")
        verbose_name_plural = _("证明材料")

    def __str__(self):
        return f"{self.get_document_type_display()}：{self.original_name}"
