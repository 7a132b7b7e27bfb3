"""Shared admin pieces: rules-based inline permissions."""


class RulesInlineMixin:
    """Inline permissions from the project's rules, asked with the parent object."""

    def _perm(self, action):
        return f"{self.opts.app_label}.{action}_{self.opts.model_name}"

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm(self._perm("view"), obj)

    def has_change_permission(self, request, obj=None):
        return request.user.has_perm(self._perm("change"), obj)

    def has_add_permission(self, request, obj=None):
        return request.user.has_perm(self._perm("add"), obj)

    def has_delete_permission(self, request, obj=None):
        return request.user.has_perm(self._perm("delete"), obj)
