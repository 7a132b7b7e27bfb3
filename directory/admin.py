"""Webhook clients in the admin (provincial administrators register them); the delivery
log is read-only. Listings are not edited by hand: they follow the certificates."""

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from brandportal.admin import ObjectPagesFollowListMixin

from .enums import WebhookEvent
from .models import DeliveryAttempt, WebhookClient, WebhookDelivery


class WebhookClientForm(forms.ModelForm):
    events = forms.MultipleChoiceField(
        label=_("订阅事件"), choices=WebhookEvent.choices, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = WebhookClient
        fields = ["name", "url", "events", "is_active", "owner", "secret"]


@admin.register(WebhookClient)
class WebhookClientAdmin(ObjectPagesFollowListMixin, admin.ModelAdmin):
    form = WebhookClientForm
    list_display = ["name", "url", "is_active", "owner", "created_at"]
    list_filter = ["is_active"]
    search_fields = ["name", "url"]
    autocomplete_fields = ["owner"]


class DeliveryAttemptInline(admin.TabularInline):
    model = DeliveryAttempt
    extra = 0
    can_delete = False
    readonly_fields = ["number", "status_code", "error", "at"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(WebhookDelivery)
class WebhookDeliveryAdmin(ObjectPagesFollowListMixin, admin.ModelAdmin):
    list_display = [
        "client",
        "event",
        "certificate_number",
        "status",
        "attempts",
        "next_attempt_at",
        "created_at",
    ]
    list_filter = ["status", "event"]
    search_fields = ["certificate_number", "client__name"]
    readonly_fields = [f.name for f in WebhookDelivery._meta.fields]
    inlines = [DeliveryAttemptInline]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
