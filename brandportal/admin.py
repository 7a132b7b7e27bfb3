"""Admin pieces shared by every app."""

from django.contrib import admin

from accounts.rules import can


class ReadOnlyInline(admin.TabularInline):
    """A history or result shown under its parent: nothing added, changed or deleted here.

    `view_permission` names the rule asked to see it; None leaves the decision to the
    parent's admin (whoever may open the parent sees the inline).
    """

    extra = 0
    can_delete = False
    view_permission: str | None = None

    def get_readonly_fields(self, request, obj=None):
        return self.fields or super().get_readonly_fields(request, obj)

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_view_permission(self, request, obj=None):
        return self.view_permission is None or can(request.user, self.view_permission)
