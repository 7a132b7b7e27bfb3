"""Checks on files attached to task updates."""

import os

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024
# Government work reports come as scans, photos, Word and Excel files.
ATTACHMENT_EXTENSIONS = ("pdf", "jpg", "jpeg", "png", "doc", "docx", "xls", "xlsx")


def validate_attachment(upload) -> None:
    extension = os.path.splitext(upload.name)[1].lower().lstrip(".")
    if extension not in ATTACHMENT_EXTENSIONS:
        raise ValidationError(
            _("不支持的附件类型“%(extension)s”：只接受 %(allowed)s。"),
            code="attachment_type",
            params={"extension": extension or "?", "allowed": "、".join(ATTACHMENT_EXTENSIONS)},
        )
    if upload.size > MAX_ATTACHMENT_BYTES:
        raise ValidationError(
            _("附件过大：%(size)s，最大允许 %(max)s。"),
            code="attachment_too_large",
            params={
                "size": filesizeformat(upload.size),
                "max": filesizeformat(MAX_ATTACHMENT_BYTES),
            },
        )
