"""Certificates in the admin: read-only (issued by the task, changed by transitions)."""

from django.contrib import admin

from .models import Certificate, FakeReport


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Certificate)
class CertificateAdmin(ReadOnlyAdmin):
    list_display = [
        "number",
        "enterprise_name",
        "product_name",
        "status",
        "issued_on",
        "valid_until",
        "lookup_count",
    ]
    list_filter = ["status", "issued_on"]
    search_fields = ["number", "enterprise_name", "credit_code", "product_name"]
    date_hierarchy = "issued_on"


@admin.register(FakeReport)
class FakeReportAdmin(ReadOnlyAdmin):
    list_display = ["certificate_number", "certificate", "contact", "created_at"]
    search_fields = ["certificate_number", "contact", "description"]
    date_hierarchy = "created_at"
