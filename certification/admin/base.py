"""Shared behaviour of the certification admin classes."""

from django.http import Http404

from brandportal.admin import ObjectPagesFollowListMixin


class NotFoundMixin(ObjectPagesFollowListMixin):
    """An object outside the user's queryset is a 404, not a redirect that hints at it.

    An object page also needs the list's permission (ObjectPagesFollowListMixin).
    """

    def _get_obj_does_not_exist_redirect(self, request, opts, object_id):
        raise Http404


class ReadOnlyMixin:
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
