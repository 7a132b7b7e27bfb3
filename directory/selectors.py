"""Reads of the public directory (no login: the same for everyone)."""

from django.apps import apps
from django.db.models import Exists, OuterRef, Prefetch, QuerySet

from enterprises.models import Enterprise

from .models import Listing


def public_listings() -> QuerySet[Listing]:
    """Every listing with what its list row shows (one query, whatever the page size)."""
    return Listing.objects.with_related()


def listed_enterprises() -> QuerySet[Enterprise]:
    """Enterprises with at least one certificate: only those have a public profile."""
    return (
        Enterprise.objects.filter(Exists(Listing.objects.filter(enterprise=OuterRef("pk"))))
        .select_related("division")
        .prefetch_related(
            Prefetch(
                "listings",
                queryset=public_listings().order_by("product_name", "-issued_on", "-id"),
            )
        )
    )


def recognised_brands_for(listing) -> list:
    """Recognised brands' certificates (互认品牌) the listed product holds, verified by a
    reviewer, from the supervision app's registry (items have .brand, .number, .valid_until).
    """
    if not apps.is_installed("supervision"):
        return []
    from supervision.selectors import recognised_certificates_for_product

    return recognised_certificates_for_product(listing.product)
