"""Upload checks shared by every app: the type by content, not by name, and the size.

Images are more than their magic bytes (JPEG magic followed by HTML passes a sniffer):
every image is decoded with Pillow here, and re-encoded before it is stored (see
`reencode_image`, called by the storages in `brandportal.storage`), which drops whatever
rode along — scripts, EXIF and GPS metadata. Stored names are made by the server
(`stored_name`), with the extension of the content.
"""

import io
import uuid
import warnings
import zipfile
from pathlib import PurePosixPath

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.template.defaultfilters import filesizeformat
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext as _
from PIL import Image, ImageOps

MAX_UPLOAD_BYTES = 20 * 1024 * 1024
# 40 megapixels: a 48 MP phone's default output is 12 MP; a decompression bomb is far more.
MAX_IMAGE_PIXELS = 40_000_000

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Word 97-2003 and Excel 97-2003
SIGNATURES = {
    "pdf": (b"%PDF-",),
    "jpeg": (b"\xff\xd8\xff",),
    "png": (b"\x89PNG\r\n\x1a\n",),
}
LABELS = {
    "pdf": "PDF",
    "jpeg": "JPEG",
    "png": "PNG",
    "webp": "WebP",
    "doc": "Word (.doc)",
    "docx": "Word (.docx)",
    "xls": "Excel (.xls)",
    "xlsx": "Excel (.xlsx)",
}
EXTENSIONS = {
    "pdf": ".pdf",
    "jpeg": ".jpg",
    "png": ".png",
    "webp": ".webp",
    "doc": ".doc",
    "docx": ".docx",
    "xls": ".xls",
    "xlsx": ".xlsx",
}
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "jpeg": "image/jpeg",
    "png": "image/png",
    "webp": "image/webp",
    "doc": "application/msword",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xls": "application/vnd.ms-excel",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
IMAGE_KINDS = ("jpeg", "png", "webp")
PIL_FORMATS = {"jpeg": "JPEG", "png": "PNG", "webp": "WEBP"}


def _read_all(upload) -> bytes:
    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    return data


def _office_kind(upload, head: bytes) -> str | None:
    """docx / xlsx (a ZIP with the part a real Office file has), doc / xls (OLE2)."""
    if head.startswith(OLE_MAGIC):
        data = _read_all(upload)
        # Directory entries are UTF-16 names: the main stream tells Word from Excel.
        if "WordDocument".encode("utf-16-le") in data:
            return "doc"
        if "Workbook".encode("utf-16-le") in data or "Book".encode("utf-16-le") in data:
            return "xls"
        return None
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(_read_all(upload))) as archive:
                names = set(archive.namelist())
        except (zipfile.BadZipFile, ValueError, OSError):
            return None
        if "[Content_Types].xml" not in names:
            return None
        if "word/document.xml" in names:
            return "docx"
        if "xl/workbook.xml" in names:
            return "xlsx"
    return None


def sniff_file_type(upload, *, office: bool = False) -> str | None:
    """The kind of file the content is (pdf, jpeg, png, webp; with `office`, also doc,
    docx, xls, xlsx), or None."""
    position = upload.tell() if hasattr(upload, "tell") else 0
    upload.seek(0)
    head = upload.read(16)
    try:
        for kind, signatures in SIGNATURES.items():
            if any(head.startswith(signature) for signature in signatures):
                return kind
        if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
            return "webp"
        return _office_kind(upload, head) if office else None
    finally:
        upload.seek(position)


def _image_error() -> ValidationError:
    return ValidationError(
        _("无法识别的图片：文件内容不是完整有效的 JPEG、PNG 或 WebP 图片。"), code="invalid_image"
    )


def open_image(upload, kind: str) -> Image.Image:
    """The decoded image (pixels loaded) of an upload sniffed as `kind`.

    Raises a Chinese ValidationError for content Pillow cannot decode, a format other
    than the sniffed one, or more than MAX_IMAGE_PIXELS (a decompression bomb is refused
    before its pixels are allocated).
    """
    upload.seek(0)
    image = None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(upload)
            if image.format != PIL_FORMATS[kind]:
                raise _image_error()
            width, height = image.size
            if width * height > MAX_IMAGE_PIXELS:
                raise _too_large_image(width, height)
            image.load()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise _too_large_image(*(image.size if image else ("?", "?"))) from None
    except ValidationError:
        raise
    except Exception:  # Pillow raises many kinds (OSError, SyntaxError, ValueError...)
        raise _image_error() from None
    finally:
        upload.seek(0)
    return image


def _too_large_image(width: int, height: int) -> ValidationError:
    return ValidationError(
        _("图片尺寸过大：%(width)s×%(height)s 像素，最多 %(max)s 万像素。"),
        code="image_too_large",
        params={"width": width, "height": height, "max": MAX_IMAGE_PIXELS // 10_000},
    )


def reencode_image(upload, kind: str | None = None) -> tuple[ContentFile, str]:
    """The image re-encoded by Pillow in its own format, without metadata, and its kind.

    The orientation from EXIF is applied to the pixels first, so a photo still shows
    upright once its EXIF is gone.
    """
    kind = kind or sniff_file_type(upload)
    if kind not in IMAGE_KINDS:
        raise _image_error()
    image = ImageOps.exif_transpose(open_image(upload, kind))
    output = io.BytesIO()
    if kind == "jpeg":
        if image.mode not in ("RGB", "L"):
            image = image.convert("RGB")
        image.save(output, "JPEG", quality=90, optimize=True)
    elif kind == "png":
        if image.mode not in ("1", "L", "LA", "P", "RGB", "RGBA", "I", "I;16"):
            image = image.convert("RGBA")
        image.save(output, "PNG", optimize=True)
    else:
        if image.mode not in ("RGB", "RGBA"):
            image = image.convert("RGBA")
        image.save(output, "WEBP", quality=90)
    return ContentFile(output.getvalue(), name=stored_name(kind)), kind


def stored_name(kind: str, folder: str = "") -> str:
    """A name made by the server: a random stem and the extension of the content."""
    name = f"{uuid.uuid4().hex}{EXTENSIONS[kind]}"
    return str(PurePosixPath(folder) / name) if folder else name


def validate_upload(upload, *, allowed=("pdf", "jpeg", "png"), max_bytes=MAX_UPLOAD_BYTES) -> str:
    """Raise a Chinese ValidationError for a wrong type or size; return the detected kind.

    An image must also decode (`open_image`): a sniffer alone passes JPEG magic + HTML.
    """
    if upload.size > max_bytes:
        raise ValidationError(
            _("文件过大：%(size)s，最大允许 %(max)s。"),
            code="file_too_large",
            params={"size": filesizeformat(upload.size), "max": filesizeformat(max_bytes)},
        )
    kind = sniff_file_type(upload, office=any(a in allowed for a in ("doc", "docx", "xls", "xlsx")))
    if kind not in allowed:
        raise ValidationError(
            _("文件类型不符：只接受 %(allowed)s 文件（按文件内容识别，而非文件名）。"),
            code="file_type",
            params={"allowed": "、".join(LABELS[a] for a in allowed)},
        )
    if kind in IMAGE_KINDS:
        open_image(upload, kind)
    return kind


@deconstructible(path="brandportal.files.ImageValidator")
class ImageValidator:
    """A model-field validator for user images: a new upload must be a decodable JPEG,
    PNG or WebP of at most `max_bytes`; a file already stored (and so already
    re-encoded) is not read again."""

    def __init__(self, max_bytes=MAX_UPLOAD_BYTES):
        self.max_bytes = max_bytes

    def __call__(self, value) -> None:
        if getattr(value, "_committed", False):
            return
        validate_upload(value, allowed=IMAGE_KINDS, max_bytes=self.max_bytes)

    def __eq__(self, other):
        return isinstance(other, ImageValidator) and other.max_bytes == self.max_bytes
