"""Give roles their permissions on pilot counties and task tables.

County officials view their pilot county and edit its tasks, posting dated updates;
which county is theirs is decided object by object in `pilots.rules`. Provincial
administrators hold every permission of the app.
"""

from django.db import migrations

from accounts.roles import Role, grant_permissions

MODELS = (
    "governmentunit",
    "pilotcounty",
    "leadershipmember",
    "phase",
    "target",
    "rewardrule",
    "pilottask",
    "pilottaskupdate",
    "provincialtask",
    "provincialtaskupdate",
)

PERMISSIONS = {
    Role.COUNTY_OFFICIAL: {
        "pilots": [
            "view_pilottask",
            "change_pilottask",
            "view_pilottaskupdate",
            "add_pilottaskupdate",
            # To open their own county's page (members, phases, targets, rewards).
            "view_pilotcounty",
            "view_leadershipmember",
            "view_phase",
            "view_target",
            "view_rewardrule",
            "view_governmentunit",
        ]
    },
    Role.PROVINCIAL_ADMIN: {
        "pilots": [
            f"{action}_{model}"
            for model in MODELS
            for action in ("view", "add", "change", "delete")
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
                    content_type__app_label="pilots", codename__in=codenames["pilots"]
                )
            )


class Migration(migrations.Migration):
    dependencies = [
        ("pilots", "0001_initial"),
        ("accounts", "0002_roles"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
