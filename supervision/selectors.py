"""Reads of supervision data: public ones (no private fields) and who-may-see ones."""

import datetime

from django.db.models import QuerySet
from django.utils import timezone

from certification.enums import CERTIFIED_STATES

from .models import RecognisedCertificateCitation


def recognised_certificates_for_product(
    product, *, today: datetime.date | None = None
) -> list[RecognisedCertificateCitation]:
    """The recognised brands' certificates a product holds, for its public page.

    Only citations a reviewer verified, on an application that holds a certification
    (certified, supervised or suspended), of a brand still recognised, not yet expired.
    Each item has `.brand` (name, region), `.number` and `.valid_until`; no files.
    """
    today = today or timezone.localdate()
    return list(
        recognised_certificates_public().filter(
            application__product=product, valid_until__gte=today
        )
    )


def recognised_certificates_public() -> QuerySet[RecognisedCertificateCitation]:
    return (
        RecognisedCertificateCitation.objects.filter(
            verified=True,
            brand__is_active=True,
            application__state__in=CERTIFIED_STATES,
        )
        .select_related("brand")
        .order_by("brand__sort_order", "brand__name", "number")
        .only("pk", "number", "valid_until", "brand__name", "brand__region", "brand__sort_order")
    )
