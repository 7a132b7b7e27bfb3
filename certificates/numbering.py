"""Certificate numbers: JXGE-<year>-<division code>-<sequence per year and division>."""

from django.db import transaction

from .models import CertificateCounter

PREFIX = "JXGE"  # 江西绿色生态 (Jiangxi Green Ecology)


def format_number(year: int, division_code: str, sequence: int) -> str:
    return f"{PREFIX}-{year}-{division_code}-{sequence:04d}"


def allocate_number(*, year: int, division_code: str) -> str:
    """The next number for (year, division), gap-free and unique under concurrency.

    Must run inside the transaction that stores the certificate: the counter row stays
    locked (SELECT … FOR UPDATE) until that commits, so concurrent issuers queue on it,
    and a rollback gives the number back together with the certificate.
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("allocate_number() must run inside the issuing transaction.")
    # get_or_create resolves the race of two first issuers through the unique constraint.
    CertificateCounter.objects.get_or_create(year=year, division_code=division_code)
    counter = CertificateCounter.objects.select_for_update().get(
        year=year, division_code=division_code
    )
    counter.last_sequence += 1
    counter.save(update_fields=["last_sequence"])
    return format_number(year, division_code, counter.last_sequence)
