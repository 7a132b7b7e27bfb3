"""Upload checks shared by every app: the type by content, not by name, and the size."""

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

MAX_UPLOAD_BYTES = 20 * 1024 * 1024

SIGNATURES = {
    "pdf": (b"%PDF-",),
    "jpeg": (b"\xff\xd8\xff",),
    "png": (b"\x89PNG\r\n\x1a\n",),
}
LABELS = {"pdf": "PDF", "jpeg": "JPEG", "png": "PNG"}


def sniff_file_type(upload) -> str | None:
    """The kind of file the content is (pdf, jpeg, png), or None."""
    position = upload.tell() if hasattr(upload, "tell") else 0
    upload.seek(0)
    head = upload.read(16)
    upload.seek(position)
    for kind, signatures in SIGNATURES.items():
        if any(head.startswith(signature) for signature in signatures):
            return kind
    return None


def validate_upload(upload, *, allowed=("pdf", "jpeg", "png"), max_bytes=MAX_UPLOAD_BYTES) -> str:
    """Raise a Chinese ValidationError for a wrong type or size; return the detected kind."""
    if upload.size > max_bytes:
        raise ValidationError(
            _("文件过大：%(size)s，最大允许 %(max)s。"),
            code="file_too_large",
            params={"size": filesizeformat(upload.size), "max": filesizeformat(max_bytes)},
        )
    kind = sniff_file_type(upload)
    if kind not in allowed:
        raise ValidationError(
            _("文件类型不符：只接受 %(allowed)s 文件（按文件内容识别，而非文件名）。"),
            code="file_type",
            params={"allowed": "、".join(LABELS[a] for a in allowed)},
        )
    return kind
