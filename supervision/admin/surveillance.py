"""Yearly surveillance audits in the admin: the certification body's reviewer records."""

from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.rules import can
from brandportal.files import validate_upload

from .. import services
from ..models import SurveillanceAudit
from ..selectors import audits_visible_to, certificates_audited_by
from .base import RulesAdminMixin, private_file_response


class AuditForm(forms.ModelForm):
    upload = forms.FileField(
        label=gettext_lazy("审核报告（可选）"),
        required=False,
        help_text=gettext_lazy("PDF、JPEG 或 PNG，不超过 20 MB。"),
    )

    class Meta:
        model = SurveillanceAudit
        fields = ["certificate", "year_number", "audited_on", "result", "notes"]

    def clean_upload(self):
        upload = self.cleaned_data.get("upload")
        if upload:
            validate_upload(upload)
        return upload


@admin.register(SurveillanceAudit)
class SurveillanceAuditAdmin(RulesAdminMixin, admin.ModelAdmin):
    form = AuditForm
    list_display = ["certificate", "year_number", "audited_on", "result", "recorded_by"]
    list_filter = ["result", "year_number"]
    search_fields = ["certificate__number", "certificate__enterprise_name"]
    change_list_template = "supervision/admin/audit_change_list.html"

    def get_queryset(self, request):
        return audits_visible_to(request.user)

    def get_fields(self, request, obj=None):
        if obj is None:
            return [*AuditForm.Meta.fields, "upload"]
        return [*AuditForm.Meta.fields, "report", "recorded_by", "recorded_at"]

    def get_readonly_fields(self, request, obj=None):
        # An audit is a record: once written, it is not edited.
        return [] if obj is None else self.get_fields(request, obj)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "certificate":
            kwargs["queryset"] = certificates_audited_by(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def has_add_permission(self, request, *args):
        return can(request.user, "supervision.add_surveillanceaudit")

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description=gettext_lazy("审核报告"))
    def report(self, obj):
        if not obj.file:
            return "-"
        url = reverse("admin:supervision_audit_file", args=[obj.pk])
        return format_html('<a href="{}">{}</a>', url, _("下载"))

    def save_model(self, request, obj, form, change):
        data = form.cleaned_data
        try:
            created = services.surveillance_record(
                certificate=data["certificate"],
                user=request.user,
                year_number=data["year_number"],
                audited_on=data["audited_on"],
                result=data["result"],
                notes=data.get("notes", ""),
                upload=data.get("upload"),
            )
        except ValidationError as error:
            raise PermissionDenied(error) from error
        obj.pk = created.pk

    def get_form(self, request, obj=None, change=False, **kwargs):
        form_class = super().get_form(request, obj, change, **kwargs)
        user = request.user

        class ServiceCheckedForm(form_class):
            def clean(self):
                cleaned = super().clean()
                certificate = cleaned.get("certificate")
                year = cleaned.get("year_number")
                if certificate is None or year is None or self.errors:
                    return cleaned
                if not can(user, "supervision.add_surveillanceaudit", certificate):
                    self.add_error("certificate", _("您不能为该证书记录监督审核。"))
                from ..surveillance import audit_years

                if year not in audit_years(certificate.issued_on, certificate.valid_until):
                    self.add_error(
                        "year_number",
                        _("该证书在有效期内没有第 %(n)s 年的监督审核。") % {"n": year},
                    )
                elif certificate.surveillance_audits.filter(year_number=year).exists():
                    self.add_error("year_number", _("第 %(n)s 年的监督审核已记录。") % {"n": year})
                return cleaned

        return ServiceCheckedForm

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path("<int:object_id>/file/", wrap(self.file_view), name="supervision_audit_file"),
            *super().get_urls(),
        ]

    def file_view(self, request, object_id):
        audit = get_object_or_404(self.get_queryset(request), pk=object_id)
        return private_file_response(audit.file)
