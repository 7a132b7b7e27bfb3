"""The portal's roles. Each is a Django group of the same name, created by a migration."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    ENTERPRISE_USER = "enterprise_user", _("企业用户")
    REVIEWER = "reviewer", _("第三方评价机构审核员")
    SUPERVISOR = "supervisor", _("市场监管人员")
    COUNTY_OFFICIAL = "county_official", _("县级工作人员")
    PROVINCIAL_ADMIN = "provincial_admin", _("省级管理员")


# Roles that work in the Django admin (is_staff is kept in step with membership).
STAFF_ROLES = frozenset(
    {Role.REVIEWER, Role.SUPERVISOR, Role.COUNTY_OFFICIAL, Role.PROVINCIAL_ADMIN}
)

# Roles a provincial administrator hands out and manages: every role below theirs.
DELEGATED_ROLES = (Role.ENTERPRISE_USER, Role.REVIEWER, Role.SUPERVISOR, Role.COUNTY_OFFICIAL)


def grant_permissions(apps, role: str, codenames: dict[str, list[str]]) -> None:
    """Give a role's group model permissions; for use in data migrations.

    `codenames` maps an app label to permission codenames, e.g.
    {"enterprises": ["view_enterprise"]}. Permissions of apps migrated in the same run
    are created first, since Django only creates them after the whole migrate.
    """
    from django.contrib.auth.management import create_permissions

    for app_label in codenames:
        app_config = apps.get_app_config(app_label)
        # Migration state's app configs are stubs without models_module, which
        # create_permissions takes for "this app has no models".
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _created = Group.objects.get_or_create(name=role)
    for app_label, names in codenames.items():
        permissions = Permission.objects.filter(
            content_type__app_label=app_label, codename__in=names
        )
        missing = set(names) - set(permissions.values_list("codename", flat=True))
        if missing:
            raise LookupError(f"Unknown permissions for {app_label}: {sorted(missing)}")
        group.permissions.add(*permissions)
