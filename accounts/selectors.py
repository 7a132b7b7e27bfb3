"""Reads on accounts that depend on who asks."""

from django.contrib.auth.models import Group
from django.db.models import QuerySet

from .models import User
from .roles import DELEGATED_ROLES, Role


def users_manageable_by(user) -> QuerySet[User]:
    """The accounts `user` may manage in the admin.

    A superuser manages everyone. A provincial administrator manages the accounts whose
    every privilege lies in the roles below theirs: no superuser, no group other than a
    delegated role's, no permission granted one by one, and never their own account.
    """
    if not (user and user.is_authenticated and user.is_active):
        return User.objects.none()
    if user.is_superuser:
        return User.objects.all()
    if not user.has_role(Role.PROVINCIAL_ADMIN):
        return User.objects.none()
    other_groups = Group.objects.exclude(name__in=DELEGATED_ROLES)
    return (
        User.objects.filter(is_superuser=False)
        .exclude(pk=user.pk)
        .exclude(groups__in=other_groups)
        .exclude(user_permissions__isnull=False)
    )
