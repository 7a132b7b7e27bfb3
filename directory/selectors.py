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


def green_evidence(listing) -> list[dict]:
    """Why the product is green: per dimension of its standard, the indicators the review
    that certified it assessed, in the standard's order.

    Public facts only: a mandatory indicator shows 合格 or 不合格; a scored one shows that it
    was assessed, not its score (bodies have not agreed to publish scores). Empty when no
    review is on record (e.g. migrated certificates).
    """
    from certification.models import IndicatorScore, Review
    from standards.enums import Dimension, IndicatorKind

    review = (
        Review.objects.filter(application__certificate__pk=listing.certificate_id)
        .order_by("-round", "-pk")
        .first()
    )
    if review is None:
        return []
    scores = IndicatorScore.objects.filter(review=review).select_related("indicator")
    by_dimension: dict[str, list[dict]] = {}
    for score in sorted(scores, key=lambda s: (s.indicator.sort_order, s.indicator_id)):
        indicator = score.indicator
        mandatory = indicator.kind == IndicatorKind.MANDATORY
        by_dimension.setdefault(indicator.dimension, []).append(
            {
                "name": indicator.name,
                "mandatory": mandatory,
                "passed": score.passed if mandatory else None,
                "assessed": score.passed is not None or score.score is not None,
            }
        )
    return [
        {"dimension": label, "indicators": by_dimension[value]}
        for value, label in Dimension.choices
        if value in by_dimension
    ]
