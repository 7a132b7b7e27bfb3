"""Who may do what: the one place the code base asks.

Permissions are django-rules predicates registered under Django permission names, so
views, the admin, the API and templates all ask the same question the same way:
`can(user, "enterprises.change_enterprise", enterprise)` (or `user.has_perm(...)`,
`{% has_perm %}` in templates). Apps register their own rules in their `rules.py`;
the role predicates they combine live here.
"""

import rules

from .roles import DELEGATED_ROLES, Role


def can(user, permission: str, obj=None) -> bool:
    """May `user` do `permission` (a Django permission name) to `obj`?"""
    return bool(user and user.has_perm(permission, obj))


def _has_role(role: Role):
    @rules.predicate(name=f"is_{role.value}")
    def predicate(user) -> bool:
        return bool(user and user.is_authenticated and user.has_role(role))

    return predicate


is_enterprise_user = _has_role(Role.ENTERPRISE_USER)
is_reviewer = _has_role(Role.REVIEWER)
is_supervisor = _has_role(Role.SUPERVISOR)
is_county_official = _has_role(Role.COUNTY_OFFICIAL)
is_provincial_admin = _has_role(Role.PROVINCIAL_ADMIN)
is_official = is_supervisor | is_county_official | is_provincial_admin


@rules.predicate
def has_verified_email(user) -> bool:
    return bool(user and user.is_authenticated and user.email_verified)


@rules.predicate
def has_no_enterprise(user) -> bool:
    return bool(user and user.is_authenticated and user.enterprise_id is None)


# An enterprise user may create the profile of its enterprise once its e-mail is confirmed.
rules.add_perm(
    "enterprises.register_enterprise",
    is_enterprise_user & has_verified_email & has_no_enterprise,
)


@rules.predicate
def is_manageable_user(user, target) -> bool:
    """`target` is an account `user` may manage (any account when asked without one)."""
    from .selectors import users_manageable_by

    return target is None or users_manageable_by(user).filter(pk=target.pk).exists()


@rules.predicate
def is_delegated_role(user, role) -> bool:
    return role in DELEGATED_ROLES


# A provincial administrator manages the accounts in the roles below theirs; superusers
# (for whom every permission holds) manage everyone. Privileges - superuser and staff
# status, groups, permissions - and other people's passwords are for superusers alone.
rules.add_perm("accounts.view_user", is_provincial_admin & is_manageable_user)
rules.add_perm("accounts.add_user", is_provincial_admin)
rules.add_perm("accounts.change_user", is_provincial_admin & is_manageable_user)
rules.add_perm("accounts.assign_role", is_provincial_admin & is_delegated_role)
rules.add_perm("accounts.change_privileges_user", rules.is_superuser)
rules.add_perm("accounts.set_password_user", rules.is_superuser)
