"""Reads of standards that depend on who asks."""

from django.db.models import Case, IntegerField, Prefetch, QuerySet, Value, When

from accounts.roles import Role

from .enums import Dimension
from .models import Indicator, ProductCategory, Standard


def standards_visible_to(user) -> QuerySet[Standard]:
    """Public standards for everyone; every standard for provincial administrators."""
    queryset = Standard.objects.select_related("proposing_county", "superseded_by")
    if user is not None and user.is_authenticated and user.has_role(Role.PROVINCIAL_ADMIN):
        return queryset
    return queryset.public()


def public_standards() -> QuerySet[Standard]:
    """The catalogue: published, withdrawn and superseded, with categories prefetched."""
    return (
        Standard.objects.public()
        .select_related("proposing_county", "superseded_by")
        .prefetch_related(
            Prefetch("categories", queryset=ProductCategory.objects.select_related("parent"))
        )
    )


def indicators_in_order() -> QuerySet[Indicator]:
    """Indicators by dimension (资源节约, 环境保护, 生态协同, 质量领先), then their order."""
    dimension_order = Case(
        *(When(dimension=d.value, then=Value(i)) for i, d in enumerate(Dimension)),
        output_field=IntegerField(),
    )
    return Indicator.objects.order_by(dimension_order, "sort_order", "id")


def categories_for_filter() -> QuerySet[ProductCategory]:
    return ProductCategory.objects.select_related("parent")
