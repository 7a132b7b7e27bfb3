"""Reads of standards that depend on who asks."""

from django.db.models import Case, IntegerField, Prefetch, QuerySet, Value, When

from accounts.roles import Role

from .enums import Dimension, StandardType
from .models import Indicator, ProductCategory, Standard


def standards_visible_to(user) -> QuerySet[Standard]:
    """Public standards for everyone; every standard for provincial administrators."""
    queryset = Standard.objects.select_related("proposing_county", "superseded_by")
    if user is not None and user.is_authenticated and user.has_role(Role.PROVINCIAL_ADMIN):
        return queryset
    return queryset.public()


def _in_choice_order(field: str, choices) -> Case:
    """An expression ordering by the declaration order of `choices`, not alphabetically."""
    return Case(
        *(When(then=Value(i), **{field: choice.value}) for i, choice in enumerate(choices)),
        output_field=IntegerField(),
    )


def public_standards() -> QuerySet[Standard]:
    """The catalogue: published, withdrawn and superseded, with categories prefetched.

    The general requirement comes first, then local, group and enterprise standards.
    """
    return (
        Standard.objects.public()
        .select_related("proposing_county", "superseded_by")
        .prefetch_related(
            Prefetch("categories", queryset=ProductCategory.objects.select_related("parent"))
        )
        .order_by(_in_choice_order("type", StandardType), "code", "pk")
    )


def indicators_in_order() -> QuerySet[Indicator]:
    """Indicators by dimension (资源节约, 环境保护, 生态协同, 质量领先), then their order."""
    return Indicator.objects.order_by(_in_choice_order("dimension", Dimension), "sort_order", "id")
