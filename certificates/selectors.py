"""Reads of certificates: the public look-up by number, and what a user may download."""

import re
import unicodedata

from django.db.models import Q, QuerySet

from accounts.roles import Role
from accounts.rules import can

from .models import Certificate
from .numbering import PREFIX

# Loose on purpose (a guard against junk, not a format check): unknown numbers are 404s.
NUMBER_PATTERN = re.compile(r"^[A-Z0-9][A-Z0-9-]{4,39}$")


# Dashes people type or paste instead of "-" (NFKC already folds the full-width one).
DASHES = re.compile("[\u2010-\u2015\u2212\u30fc\ufe58\ufe63\uff0d]")
# A number typed without its hyphens: prefix, year, division code, sequence.
COMPACT_NUMBER = re.compile(rf"^{PREFIX}(\d{{4}})(\d{{6}})(\d{{4,}})$")


def normalize_number(number: str) -> str:
    """The number as issued, from what people type: full-width letters and digits, other
    dashes, spaces, lower case, and the hyphens left out are all accepted."""
    text = unicodedata.normalize("NFKC", number or "")
    text = DASHES.sub("-", text)
    text = "".join(text.split()).upper()
    compact = COMPACT_NUMBER.match(text.replace("-", ""))
    if compact:
        return f"{PREFIX}-" + "-".join(compact.groups())
    return text


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


def certificates_downloadable_by(user) -> QuerySet[Certificate]:
    """The certificates whose PDF `user` may download (the rule, as a queryset)."""
    queryset = Certificate.objects.select_related("application")
    if user is None or not user.is_authenticated:
        return queryset.none()
    if user.has_role(Role.PROVINCIAL_ADMIN) or user.has_role(Role.SUPERVISOR):
        return queryset
    reach = Q(pk__in=[])
    if user.has_role(Role.ENTERPRISE_USER) and user.enterprise_id:
        reach |= Q(application__enterprise_id=user.enterprise_id)
    if user.has_role(Role.REVIEWER) and user.certification_body_id:
        conflicted = user.conflicts.values("enterprise_id")
        reach |= Q(application__certification_body_id=user.certification_body_id) & ~Q(
            application__enterprise_id__in=conflicted
        )
    return queryset.filter(reach)
