"""Validation of standard codes and full-text PDFs; messages say exactly what is wrong."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from brandportal.files import sniff_file_type

from .enums import StandardType

# The single general requirement carries its title in place of a number.
GENERAL_REQUIREMENT_CODE = '《"江西绿色生态"品牌评价通用要求》'

CODE_PATTERNS = {
    # DB36/T 1234-2023 (also DB36/T 1234.2-2023 for a part)
    StandardType.LOCAL: re.compile(r"^DB\d{2}/T \d{1,5}(\.\d{1,2})?-(19|20)\d{2}$"),
    # T/JXGE 001-2023: the issuing organisation's abbreviation, a number and the year
    StandardType.GROUP: re.compile(r"^T/[A-Z][A-Z0-9]{1,15} \d{1,5}(\.\d{1,2})?-(19|20)\d{2}$"),
    # Q/XWGY 001-2023 (an optional S marks an enterprise standard stricter than a national one)
    StandardType.ENTERPRISE: re.compile(r"^Q/[A-Z0-9]{2,20} \d{1,5}S?-(19|20)\d{2}$"),
}

CODE_EXAMPLES = {
    StandardType.GENERAL: GENERAL_REQUIREMENT_CODE,
    StandardType.LOCAL: "DB36/T 1234-2023",
    StandardType.GROUP: "T/ABC 001-2023",
    StandardType.ENTERPRISE: "Q/ABC 001-2023",
}

_QUOTES = str.maketrans({"“": '"', "”": '"', "＂": '"', "／": "/", "－": "-", "—": "-"})


MAX_FULL_TEXT_BYTES = 20 * 1024 * 1024


def normalize_code(value: str) -> str:
    """Canonical spelling: ASCII quotes, slashes and hyphens, single spaces, upper case."""
    code = " ".join((value or "").translate(_QUOTES).split())
    if code.startswith("《"):
        return code
    code = re.sub(r"\s*/\s*", "/", code)
    code = re.sub(r"\s*-\s*", "-", code)
    return code.upper()


def validate_code_for_type(code: str, standard_type: str) -> None:
    """Raise a ValidationError when `code` is not spelled as a standard of that type is."""
    code = normalize_code(code)
    if standard_type == StandardType.GENERAL:
        valid = code == GENERAL_REQUIREMENT_CODE
    else:
        pattern = CODE_PATTERNS.get(standard_type)
        valid = pattern is not None and bool(pattern.match(code))
    if not valid:
        type_label = StandardType(standard_type).label if standard_type else ""
        raise ValidationError(
            _("“%(code)s”不是有效的%(type)s编号，应形如 %(example)s。"),
            code="code_format",
            params={
                "code": code,
                "type": type_label,
                "example": CODE_EXAMPLES.get(standard_type, ""),
            },
        )


def validate_pdf(file) -> None:
    """The full text must be a PDF (checked by its first bytes) of at most 20 MB."""
    if file.size > MAX_FULL_TEXT_BYTES:
        raise ValidationError(
            _("标准全文不能超过 20 MB（当前 %(size).1f MB）。"),
            code="file_size",
            params={"size": file.size / 1024 / 1024},
        )
    if sniff_file_type(file) != "pdf":
        raise ValidationError(_("标准全文必须是 PDF 文件。"), code="not_pdf")
