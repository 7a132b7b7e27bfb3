import pytest
from django.contrib.auth.models import Group

from accounts.roles import Role
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_roles_every_role_has_its_group_from_the_migration():
    assert set(Group.objects.values_list("name", flat=True)) >= set(Role.values)


@pytest.mark.parametrize(
    ("role", "permission", "granted"),
    [
        (Role.PROVINCIAL_ADMIN, "enterprises.change_certificationbody", True),
        (Role.PROVINCIAL_ADMIN, "accounts.change_user", True),
        (Role.SUPERVISOR, "enterprises.view_enterprise", True),
        (Role.SUPERVISOR, "enterprises.change_enterprise", False),
        (Role.COUNTY_OFFICIAL, "enterprises.view_enterprise", True),
        (Role.REVIEWER, "enterprises.view_enterprise", False),
        (Role.ENTERPRISE_USER, "enterprises.view_enterprise", False),
    ],
)
def test_roles_group_permissions(role, permission, granted):
    app_label, codename = permission.split(".")
    group = Group.objects.get(name=role)
    has = group.permissions.filter(content_type__app_label=app_label, codename=codename).exists()
    assert has is granted


@pytest.mark.parametrize(
    "role", [Role.REVIEWER, Role.SUPERVISOR, Role.COUNTY_OFFICIAL, Role.PROVINCIAL_ADMIN]
)
def test_add_role_staff_roles_open_the_admin(role):
    user = UserFactory()
    user.add_role(role)
    user.refresh_from_db()
    assert user.is_staff
    assert user.has_role(role)


def test_add_role_enterprise_users_stay_out_of_the_admin():
    user = UserFactory()
    user.add_role(Role.ENTERPRISE_USER)
    user.refresh_from_db()
    assert not user.is_staff
    assert user.roles == {Role.ENTERPRISE_USER}


def test_roles_superuser_counts_as_provincial_admin():
    user = UserFactory(is_superuser=True)
    assert user.has_role(Role.PROVINCIAL_ADMIN)


def test_roles_inactive_user_holds_no_role():
    user = UserFactory(is_active=False)
    user.add_role(Role.SUPERVISOR)
    assert user.roles == frozenset()
