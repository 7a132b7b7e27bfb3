"""Give roles their permissions on standards.

Only provincial administrators manage standards, indicators and categories in the admin;
everyone else reads public standards on the public pages and the API (`standards.rules`).
"""

from django.db import migrations

from accounts.roles import Role, grant_permissions

MANAGED = ("standard", "indicator", "productcategory")
VIEW_ALL = [f"view_{model}" for model in (*MANAGED, "standardlogentry")]

PERMISSIONS = {
    Role.PROVINCIAL_ADMIN: {
        "standards": [
            *VIEW_ALL,
            *(f"{action}_{model}" for model in MANAGED for action in ("add", "change", "delete")),
            "submit_standard",
            "publish_standard",
            "withdraw_standard",
            "supersede_standard",
        ]
    },
}


def grant(apps, schema_editor):
    for role, codenames in PERMISSIONS.items():
        grant_permissions(apps, role.value, codenames)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for role, codenames in PERMISSIONS.items():
        group = Group.objects.filter(name=role.value).first()
        if group is not None:
            group.permissions.remove(
                *Permission.objects.filter(
                    content_type__app_label="standards", codename__in=codenames["standards"]
                )
            )


class Migration(migrations.Migration):
    dependencies = [
        ("standards", "0002_product_categories"),
        ("accounts", "0002_roles"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
