"""Reads that depend on who asks: a county official reaches their own county only."""

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from accounts.roles import Role

from .models import PilotCounty, PilotTask, PilotTaskUpdate, ProvincialTask, RewardPayout


def _sees_all(user) -> bool:
    return user.is_authenticated and user.has_role(Role.PROVINCIAL_ADMIN)


def _own_county_id(user):
    if user.is_authenticated and user.has_role(Role.COUNTY_OFFICIAL):
        return user.county_id
    return None


def pilot_counties_visible_to(user) -> QuerySet[PilotCounty]:
    queryset = PilotCounty.objects.select_related("division", "office_unit")
    if _sees_all(user):
        return queryset
    county_id = _own_county_id(user)
    return queryset.filter(division_id=county_id) if county_id else queryset.none()


def pilot_county_for(user, code: str) -> PilotCounty:
    """The pilot county of division `code` if the user may see it; 404 otherwise."""
    return get_object_or_404(pilot_counties_visible_to(user), division__code=code)


def pilot_tasks_visible_to(user) -> QuerySet[PilotTask]:
    queryset = PilotTask.objects.select_related("county__division")
    if _sees_all(user):
        return queryset
    county_id = _own_county_id(user)
    return queryset.filter(county__division_id=county_id) if county_id else queryset.none()


def pilot_task_for(user, pk) -> PilotTask:
    """The task with this id if the user may see it; 404 otherwise (not 403)."""
    return get_object_or_404(pilot_tasks_visible_to(user), pk=pk)


def pilot_task_updates_visible_to(user) -> QuerySet[PilotTaskUpdate]:
    queryset = PilotTaskUpdate.objects.select_related("task__county__division", "author")
    if _sees_all(user):
        return queryset
    county_id = _own_county_id(user)
    return queryset.filter(task__county__division_id=county_id) if county_id else queryset.none()


def provincial_tasks_visible_to(user) -> QuerySet[ProvincialTask]:
    queryset = ProvincialTask.objects.all()
    return queryset if _sees_all(user) else queryset.none()


def payouts_visible_to(user) -> QuerySet[RewardPayout]:
    queryset = RewardPayout.objects.select_related(
        "county__division", "rule", "enterprise", "standard"
    )
    if _sees_all(user):
        return queryset
    county_id = _own_county_id(user)
    return queryset.filter(county__division_id=county_id) if county_id else queryset.none()
