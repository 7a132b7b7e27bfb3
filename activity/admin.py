"""The activity log under the object it belongs to, read-only for everyone."""

from django.contrib import admin
from django.contrib.contenttypes.admin import GenericTabularInline
from django.contrib.contenttypes.forms import BaseGenericInlineFormSet
from django.utils.translation import gettext_lazy as _

from accounts.rules import can

from .models import LogEntry


class LogLabelsMixin:
    """A log entry's action and states in the logged model's own words (the fields hold
    codes); for every admin page that lists log entries."""

    @admin.display(description=_("操作"))
    def action_label(self, entry):
        return entry.get_action_display()

    @admin.display(description=_("原状态"))
    def from_label(self, entry):
        return entry.get_from_state_display()

    @admin.display(description=_("新状态"))
    def to_label(self, entry):
        return entry.get_to_state_display()


class LogEntryInline(LogLabelsMixin, GenericTabularInline):
    """An object's log entries, newest first; nothing is added, changed or deleted.

    `prefix` is the formset's name in the form (kept from each app's former inline);
    `view_permission` names the rule asked to see it (None: whoever sees the parent).
    """

    model = LogEntry
    fields = ["at", "action_label", "from_label", "to_label", "actor", "comment"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    prefix = "log_entries"
    view_permission: str | None = None
    ordering = ["-at", "-pk"]

    def get_formset(self, request, obj=None, **kwargs):
        prefix = self.prefix

        class FormSet(BaseGenericInlineFormSet):
            @classmethod
            def get_default_prefix(cls):
                return prefix

        kwargs["formset"] = FormSet
        return super().get_formset(request, obj, **kwargs)

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("actor")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_view_permission(self, request, obj=None):
        return self.view_permission is None or can(request.user, self.view_permission)
