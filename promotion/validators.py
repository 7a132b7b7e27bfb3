"""Field checks of the promotion app, with Chinese messages."""

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _

from brandportal.files import IMAGE_KINDS, validate_upload

MAX_COVER_BYTES = 5 * 1024 * 1024

_https_url = URLValidator(schemes=["https"])


def validate_https_url(value: str) -> None:
    """A well-formed absolute https URL (the scheme is never assumed)."""
    try:
        _https_url(value)
    except ValidationError:
        raise ValidationError(
            _("请输入以 https:// 开头的完整有效网址，如 https://shop.example.com/item/1。"),
            code="https_url",
        ) from None


def validate_cover(upload) -> None:
    """A JPEG, PNG or WebP of at most 5 MB that decodes, judged by content."""
    validate_upload(upload, allowed=IMAGE_KINDS, max_bytes=MAX_COVER_BYTES)
