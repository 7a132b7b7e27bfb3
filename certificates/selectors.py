"""Reads of certificates: the public look-up by number, and what a user may download."""

import re

from accounts.rules import can

from .models import Certificate

# Loose on purpose (a guard against junk, not a format check): unknown numbers are 404s.
NUMBER_PATTERN = re.compile(r"^[A-Z0-9][A-Z0-9-]{4,39}$")


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
