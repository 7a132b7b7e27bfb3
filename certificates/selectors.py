"""Reads of certificates: the public look-up by number, and what a user may download."""

import re

from accounts.rules import can

from .models import Certificate

NUMBER_PATTERN = re.compile(r"^[A-Z]{2,8}-\d{4}-\d{6}-\d{4,6}$")


def normalize_number(number: str) -> str:
    return (number or "").strip().upper()


def certificate_by_number(number: str) -> Certificate | None:
    """The certificate with this number, or None (malformed numbers never hit the table)."""
    number = normalize_number(number)
    if not NUMBER_PATTERN.match(number):
        return None
    return (
        Certificate.objects.select_related("replaced_by", "replaces").filter(number=number).first()
    )


def may_download(user, certificate: Certificate) -> bool:
    if not user.is_authenticated:
        return False
    return can(user, "certificates.download_certificate", certificate.application)
