"""Open the admin screens of the certification app to the roles that work there."""

from django.db import migrations

from accounts.roles import Role, grant_permissions

PERMISSIONS = {
    Role.REVIEWER: {
        "certification": [
            "view_application",
            "review_application",
            "view_review",
            "change_review",
            "view_indicatorscore",
            "change_indicatorscore",
            "add_indicatorscore",
            "view_applicationdocument",
            "view_transitionlog",
            "view_conflictofinterest",
            "add_conflictofinterest",
            "view_product",
        ]
    },
    Role.SUPERVISOR: {
        "certification": [
            "view_application",
            "supervise_application",
            "view_review",
            "view_applicationdocument",
            "view_transitionlog",
            "view_product",
        ]
    },
    Role.PROVINCIAL_ADMIN: {
        "certification": [
            "view_application",
            "supervise_application",
            "view_review",
            "view_indicatorscore",
            "view_applicationdocument",
            "view_transitionlog",
            "view_product",
            "view_conflictofinterest",
            "view_requireddocument",
            "add_requireddocument",
            "change_requireddocument",
            "delete_requireddocument",
        ]
    },
}


def grant(apps, schema_editor):
    for role, codenames in PERMISSIONS.items():
        grant_permissions(apps, role.value, codenames)


class Migration(migrations.Migration):
    dependencies = [("certification", "0002_immutable_log"), ("accounts", "0003_notification")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
