"""Create the portal's roles as groups with their model permissions.

Object-level reach (own enterprise, own county, own certification body) is decided by
the rules in each app's `rules.py`; these permissions open the admin screens a role uses.
Later apps grant their own models' permissions in their own migrations.
"""

from django.db import migrations

from accounts.roles import Role, grant_permissions

PERMISSIONS = {
    Role.ENTERPRISE_USER: {},
    Role.REVIEWER: {"enterprises": ["view_certificationbody"]},
    Role.SUPERVISOR: {
        "enterprises": ["view_enterprise", "view_certificationbody", "view_administrativedivision"]
    },
    Role.COUNTY_OFFICIAL: {"enterprises": ["view_enterprise", "view_administrativedivision"]},
    Role.PROVINCIAL_ADMIN: {
        "enterprises": [
            f"{action}_{model}"
            for model in ("enterprise", "certificationbody", "administrativedivision")
            for action in ("view", "add", "change", "delete")
        ],
        "accounts": ["view_user", "add_user", "change_user"],
    },
}


def create_roles(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for role, codenames in PERMISSIONS.items():
        Group.objects.get_or_create(name=role.value)
        grant_permissions(apps, role.value, codenames)


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=[r.value for r in Role]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("enterprises", "0002_seed_divisions"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
