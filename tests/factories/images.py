"""Image files for upload tests: real JPEG/PNG/WebP with metadata, and hostile ones."""

import functools
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

# JPEG magic followed by a page: passes a sniffer, is no image.
JPEG_PREFIXED_HTML = b"\xff\xd8\xff\xe0<html><script>alert(document.cookie)</script></html>"
GPS_IFD = 0x8825
CONTENT_TYPES = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp"}


def image_bytes(fmt="PNG", size=(8, 6), color="green", *, metadata=False) -> bytes:
    """An image in `fmt`; with `metadata`, EXIF with a camera and GPS position."""
    image = Image.new("RGB", size, color)
    options = {}
    if metadata:
        exif = Image.Exif()
        exif[0x010F] = "FakeCam"  # Make
        exif[GPS_IFD] = {1: "N", 2: (25.0, 57.0, 0.0), 3: "E", 4: (115.0, 38.0, 0.0)}
        options["exif"] = exif.tobytes()
    buffer = io.BytesIO()
    image.save(buffer, fmt, **options)
    return buffer.getvalue()


def image_upload(name="photo.jpg", fmt="JPEG", *, metadata=True, **kwargs) -> SimpleUploadedFile:
    content = image_bytes(fmt, metadata=metadata, **kwargs)
    return SimpleUploadedFile(name, content, content_type=CONTENT_TYPES[fmt])


def polyglot_upload(name="poly.html") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, JPEG_PREFIXED_HTML, content_type="image/jpeg")


@functools.cache
def _bomb_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("1", (20000, 20000)).save(buffer, "PNG")
    return buffer.getvalue()


def bomb_upload(name="bomb.png") -> SimpleUploadedFile:
    """A 48 KB PNG that decodes to 20000×20000 pixels (400 megapixels)."""
    return SimpleUploadedFile(name, _bomb_bytes(), content_type="image/png")
