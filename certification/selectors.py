"""Reads that depend on who asks: the applications and products a user may see.

Views look objects up in these querysets, so anything outside a user's reach is a 404;
the admin uses them as its querysets.
"""

from django.db.models import Q, QuerySet

from accounts.roles import Role

from .models import Application, Product


def _application_reach(user) -> Q | None:
    """A filter for the applications `user` may see; None means all of them."""
    if user.has_role(Role.PROVINCIAL_ADMIN) or user.has_role(Role.SUPERVISOR):
        return None
    reach = Q(pk__in=[])
    if user.has_role(Role.ENTERPRISE_USER) and user.enterprise_id:
        reach |= Q(enterprise_id=user.enterprise_id)
    if user.has_role(Role.REVIEWER) and user.certification_body_id:
        conflicted = user.conflicts.values("enterprise_id")
        reach |= Q(certification_body_id=user.certification_body_id) & ~Q(
            enterprise_id__in=conflicted
        )
    if user.has_role(Role.COUNTY_OFFICIAL) and user.county_id:
        reach |= Q(enterprise__division_id=user.county_id)
    return reach


def applications_visible_to(user) -> QuerySet[Application]:
    """Own enterprise's; the assigned body's minus conflicts; the county's; or all."""
    queryset = Application.objects.with_related()
    if user is None or not user.is_authenticated:
        return queryset.none()
    reach = _application_reach(user)
    return queryset if reach is None else queryset.filter(reach)


def products_visible_to(user) -> QuerySet[Product]:
    """Own enterprise's products, those of applications the user may see, or all."""
    queryset = Product.objects.select_related("enterprise", "category", "site_division")
    if user is None or not user.is_authenticated:
        return queryset.none()
    reach = _application_reach(user)
    if reach is None:
        return queryset
    own = Q(enterprise_id=user.enterprise_id) if user.enterprise_id else Q(pk__in=[])
    reached = Application.objects.filter(reach).values("product_id")
    return queryset.filter(own | Q(pk__in=reached))


def own_products(user) -> QuerySet[Product]:
    """The products the user's enterprise manages (what an application may be made for)."""
    if not user.is_authenticated or not user.enterprise_id:
        return Product.objects.none()
    return Product.objects.filter(enterprise_id=user.enterprise_id).select_related("category")
