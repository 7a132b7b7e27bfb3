"""Shared admin behaviour: rules-based permissions, 404s, private file downloads."""

import os

from django.http import FileResponse, Http404

from accounts.rules import can
from brandportal.admin import ObjectPagesFollowListMixin


class RulesAdminMixin(ObjectPagesFollowListMixin):
    """Ask the rules in supervision/rules.py, with the object, for every permission.

    An object page also needs the list's permission (ObjectPagesFollowListMixin).
    """

    def _perm(self, action):
        return f"{self.opts.app_label}.{action}_{self.opts.model_name}"

    def has_module_permission(self, request):
        return can(request.user, self._perm("view"))

    def has_view_permission(self, request, obj=None):
        return can(request.user, self._perm("view"), obj)

    def has_add_permission(self, request, *args):
        return can(request.user, self._perm("add"))

    def has_change_permission(self, request, obj=None):
        return can(request.user, self._perm("change"), obj)

    def has_delete_permission(self, request, obj=None):
        return False

    def _get_obj_does_not_exist_redirect(self, request, opts, object_id):
        raise Http404


def private_file_response(field_file, download_name: str = "") -> FileResponse:
    if not field_file:
        raise Http404
    try:
        handle = field_file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    return FileResponse(
        handle, as_attachment=True, filename=download_name or os.path.basename(field_file.name)
    )
