"""The outbox in the admin, read-only: provincial administrators see what failed and why."""

from django.contrib import admin

from brandportal.admin import ObjectPagesFollowListMixin

from .models import Message


@admin.register(Message)
class MessageAdmin(ObjectPagesFollowListMixin, admin.ModelAdmin):
    list_display = [
        "title",
        "recipient",
        "state",
        "attempts",
        "last_error",
        "next_attempt_at",
        "created_at",
        "sent_at",
    ]
    list_filter = ["state"]
    search_fields = ["key", "title", "recipient__email"]
    list_select_related = ["recipient"]
    readonly_fields = [f.name for f in Message._meta.fields]
    date_hierarchy = "created_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
