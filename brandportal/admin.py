"""Admin pieces shared by every app."""

import base64
import hashlib

from csp.constants import UNSAFE_HASHES
from csp.decorators import csp_update
from django.contrib import admin
from import_export.admin import ImportExportModelAdmin

from accounts.rules import can


def csp_hash(text: str) -> str:
    """The CSP source that allows exactly this inline attribute value."""
    digest = hashlib.sha256(text.encode()).digest()
    return f"'sha256-{base64.b64encode(digest).decode()}'"


# django-import-export's export page (admin/import_export/export.html) has one inline
# handler and two style="" attributes. Its page alone allows those exact values, by hash,
# rather than forking the template; a new release that changes them shows up as a CSP
# violation in tests/browser/test_csp.py.
EXPORT_PAGE_CSP = {
    "script-src-attr": [UNSAFE_HASHES, csp_hash("onSelectToggleChange(event)")],
    "style-src-attr": [
        UNSAFE_HASHES,
        csp_hash("padding: 0;"),
        csp_hash("font-weight: bold;"),
    ],
}


class PortalImportExportModelAdmin(ImportExportModelAdmin):
    """Import and export in the admin, with the export page's CSP exception above."""

    def export_action(self, request, *args, **kwargs):
        view = csp_update(EXPORT_PAGE_CSP)(super().export_action)
        return view(request, *args, **kwargs)


class ObjectPagesFollowListMixin:
    """An object's admin pages are closed to whoever the model's list is closed to.

    A ModelAdmin answers "may open the list" without an object and "may open this one"
    with it, and the object rules may reach further: a county official may see an
    application of their county on their own pages, yet reviews are not theirs in the
    admin. Without this, the change, history and delete pages of a model whose list is
    refused would still open by URL. Every shared admin base mixes this in.
    """

    def get_object(self, request, object_id, from_field=None):
        if not self.has_view_or_change_permission(request):
            return None
        return super().get_object(request, object_id, from_field)


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
