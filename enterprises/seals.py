"""A certification body's seal image, as printed on its certificates.

The upload is decoded and written anew by Pillow (PNG, at most SEAL_MAX_PIXELS a
side): what is stored is only pixels, without the uploaded file's metadata or any
trailing payload, and small enough to embed in every certificate.

Decoding goes through the shared `brandportal.files.open_image` (sniffed type, pixel
bound, Chinese errors); the private storage then re-encodes the PNG once more, as it does
every image.
"""

import io
import uuid

from django.core.files.base import ContentFile

from brandportal.files import open_image, validate_upload

SEAL_MAX_PIXELS = 450  # 38 mm on the certificate at 300 dpi
SEAL_MAX_BYTES = 2 * 1024 * 1024


def seal_path(instance, filename: str) -> str:
    return f"seals/{uuid.uuid4().hex}.png"


def reencode_seal(upload) -> ContentFile:
    """The uploaded PNG or JPEG seal, re-encoded as a PNG; ValidationError otherwise."""
    kind = validate_upload(upload, allowed=("png", "jpeg"), max_bytes=SEAL_MAX_BYTES)
    image = open_image(upload, kind).convert("RGBA")
    image.thumbnail((SEAL_MAX_PIXELS, SEAL_MAX_PIXELS))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return ContentFile(buffer.getvalue(), name="seal.png")
