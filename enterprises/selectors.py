"""Reads that depend on who asks."""

from django.db.models import QuerySet

from accounts.roles import Role

from .models import Enterprise


def enterprises_visible_to(user) -> QuerySet[Enterprise]:
    """The enterprises `user` may see: its own, its county's, or all for officials."""
    queryset = Enterprise.objects.select_related("division")
    if not user.is_authenticated:
        return queryset.none()
    if user.has_role(Role.PROVINCIAL_ADMIN) or user.has_role(Role.SUPERVISOR):
        return queryset
    if user.has_role(Role.REVIEWER):
        # Reviewers reach enterprises through the applications assigned to their body
        # (certification app); the directory of all enterprises is not theirs to browse.
        return queryset.none()
    if user.has_role(Role.COUNTY_OFFICIAL) and user.county_id:
        return queryset.filter(division_id=user.county_id)
    if user.enterprise_id:
        return queryset.filter(pk=user.enterprise_id)
    return queryset.none()
