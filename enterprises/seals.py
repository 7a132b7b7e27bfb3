"""A certification body's seal image, as printed on its certificates.

The upload is decoded and written anew by Pillow (PNG, at most SEAL_MAX_PIXELS a
side): what is stored is only pixels, without the uploaded file's metadata or any
trailing payload, and small enough to embed in every certificate.

Merge note: brandportal.files is getting a shared re-encoding helper (branch
sec-uploads); `reencode_seal` should call it once both are on main.
"""

import io
import uuid

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _

from brandportal.files import validate_upload

SEAL_MAX_PIXELS = 450  # 38 mm on the certificate at 300 dpi
SEAL_MAX_BYTES = 2 * 1024 * 1024


def seal_path(instance, filename: str) -> str:
    return f"seals/{uuid.uuid4().hex}.png"


def reencode_seal(upload) -> ContentFile:
    """The uploaded PNG or JPEG seal, re-encoded as a PNG; ValidationError otherwise."""
    from PIL import Image, UnidentifiedImageError

    validate_upload(upload, allowed=("png", "jpeg"), max_bytes=SEAL_MAX_BYTES)
    upload.seek(0)
    try:
        with Image.open(upload) as image:
            image.load()
            image = image.convert("RGBA")
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError) as error:
        raise ValidationError(_("无法读取该图片，请上传 PNG 或 JPEG 格式的印章图片。")) from error
    image.thumbnail((SEAL_MAX_PIXELS, SEAL_MAX_PIXELS))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return ContentFile(buffer.getvalue(), name="seal.png")
