"""Validation of the unified social credit code (统一社会信用代码, GB 32100-2015)."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

CREDIT_CODE_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
CREDIT_CODE_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
CREDIT_CODE_LENGTH = 18


def credit_code_check_character(first17: str) -> str:
    """The 18th character computed from the first 17 (weights modulo 31)."""
    total = sum(
        CREDIT_CODE_ALPHABET.index(char) * weight
        for char, weight in zip(first17, CREDIT_CODE_WEIGHTS, strict=True)
    )
    return CREDIT_CODE_ALPHABET[(31 - total % 31) % 31]


def normalize_credit_code(value: str) -> str:
    return (value or "").strip().upper()


def validate_credit_code(value: str) -> None:
    """Raise a ValidationError whose Chinese message names the exact problem."""
    code = normalize_credit_code(value)
    if len(code) != CREDIT_CODE_LENGTH:
        raise ValidationError(
            _("统一社会信用代码应为18位，当前为%(length)d位。"),
            code="length",
            params={"length": len(code)},
        )
    forbidden = sorted({char for char in code if char not in CREDIT_CODE_ALPHABET})
    if forbidden:
        raise ValidationError(
            _("统一社会信用代码含有不允许的字符：%(chars)s（不使用I、O、Z、S、V）。"),
            code="alphabet",
            params={"chars": "、".join(forbidden)},
        )
    expected = credit_code_check_character(code[:17])
    if code[17] != expected:
        raise ValidationError(
            _("统一社会信用代码校验位错误：第18位应为%(expected)s，而不是%(actual)s。"),
            code="checksum",
            params={"expected": expected, "actual": code[17]},
        )
