"""Checks on files attached to task updates: by content, with the shared sniffer."""

from brandportal.files import validate_upload

MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024
# Government work reports come as scans, photos, Word and Excel files.
ATTACHMENT_KINDS = ("pdf", "jpeg", "png", "doc", "docx", "xls", "xlsx")


def validate_attachment(upload) -> None:
    """A new upload must be one of ATTACHMENT_KINDS by content (the name is not asked);
    a file already stored is not read again."""
    if getattr(upload, "_committed", False):
        return
    validate_upload(upload, allowed=ATTACHMENT_KINDS, max_bytes=MAX_ATTACHMENT_BYTES)
