"""Certificates in the admin: read-only (issued by the task, changed by transitions).

Files sit in private storage, which has no URLs: the admin links to the views that
stream them after a permission check.
"""

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from brandportal.admin import ObjectPagesFollowListMixin

from .models import Certificate, FakeReport


class ReadOnlyAdmin(ObjectPagesFollowListMixin, admin.ModelAdmin):
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
    readonly_fields = ["pdf_link", "verify_link"]

    @admin.display(description=_("证书文件"))
    def pdf_link(self, certificate):
        url = reverse("certificates:download", args=[certificate.number])
        return format_html('<a href="{}">{}</a>', url, _("下载证书 PDF"))

    @admin.display(description=_("公开查验页"))
    def verify_link(self, certificate):
        url = reverse("certificates:verify", args=[certificate.number])
        return format_html('<a href="{}">{}</a>', url, url)


@admin.register(FakeReport)
class FakeReportAdmin(ReadOnlyAdmin):
    list_display = ["certificate_number", "certificate", "contact", "created_at"]
    search_fields = ["certificate_number", "contact", "description"]
    date_hierarchy = "created_at"
    fields = [
        "certificate_number",
        "certificate",
        "description",
        "contact",
        "evidence_link",
        "created_at",
    ]
    readonly_fields = ["evidence_link", "created_at"]

    @admin.display(description=_("证据文件"))
    def evidence_link(self, report):
        if not report.evidence:
            return "—"
        url = reverse("certificates:report_evidence", args=[report.pk])
        return format_html('<a href="{}">{}</a>', url, _("下载证据文件"))
