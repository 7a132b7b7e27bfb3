"""Spot checks in the admin: results, evidence, rectification, sanctions."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.rules import can
from brandportal.admin import ReadOnlyInline
from brandportal.params import positive_int
from certification.services import TransitionError

from .. import services
from ..enums import CheckResult, SanctionAction, SanctionReason
from ..models import Sanction, SpotCheck, SpotCheckEvidence
from ..selectors import overdue_rectifications
from .base import RulesAdminMixin, private_file_response


class RectificationOverdueFilter(admin.SimpleListFilter):
    title = gettext_lazy("整改")
    parameter_name = "rectification"

    def lookups(self, request, model_admin):
        return [("overdue", _("逾期未整改"))]

    def queryset(self, request, queryset):
        if self.value() == "overdue":
            return queryset.filter(pk__in=overdue_rectifications().values("pk"))
        return queryset


class SpotCheckForm(forms.ModelForm):
    evidence_file = forms.FileField(
        label=gettext_lazy("上传证据文件"),
        required=False,
        help_text=gettext_lazy("PDF、JPEG 或 PNG，不超过 20 MB。"),
    )

    class Meta:
        model = SpotCheck
        fields = ["checked_on", "result", "findings", "rectification_deadline", "rectified_on"]


class EvidenceInline(admin.TabularInline):
    model = SpotCheckEvidence
    fk_name = "check_record"
    fields = ["download", "kind", "uploaded_by", "uploaded_at"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_view_permission(self, request, obj=None):
        return can(request.user, "supervision.view_spotcheckevidence")

    @admin.display(description=gettext_lazy("文件"))
    def download(self, obj):
        url = reverse("admin:supervision_evidence_download", args=[obj.pk])
        return format_html('<a href="{}">{}</a>', url, obj.original_name)


class SanctionInline(ReadOnlyInline):
    model = Sanction
    fields = ["certificate", "action", "reason_code", "reason_text", "decided_by", "decided_at"]
    view_permission = "supervision.view_sanction"


@admin.register(SpotCheck)
class SpotCheckAdmin(RulesAdminMixin, admin.ModelAdmin):
    form = SpotCheckForm
    list_display = [
        "plan",
        "position",
        "enterprise",
        "result",
        "checked_on",
        "rectification_deadline",
        "overdue_flag",
    ]
    list_filter = [RectificationOverdueFilter, "result", "plan"]
    search_fields = ["enterprise__name", "enterprise__credit_code", "plan__title"]
    readonly_fields = ["plan", "position", "enterprise", "certificate_list", "inspector_list"]
    fieldsets = [
        (None, {"fields": readonly_fields}),
        (
            gettext_lazy("检查情况"),
            {
                "fields": [
                    "checked_on",
                    "result",
                    "findings",
                    "rectification_deadline",
                    "rectified_on",
                    "evidence_file",
                ]
            },
        ),
    ]
    inlines = [EvidenceInline, SanctionInline]
    change_form_template = "supervision/admin/check_change_form.html"

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("plan", "enterprise")
            .prefetch_related("certificates", "inspectors")
        )

    def has_add_permission(self, request, *args):
        return False

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and not can(request.user, "supervision.change_spotcheck", obj):
            return [*self.readonly_fields, *SpotCheckForm.Meta.fields]
        return self.readonly_fields

    @admin.display(description=gettext_lazy("涉及证书"))
    def certificate_list(self, obj):
        return "、".join(c.number for c in obj.certificates.all())

    @admin.display(description=gettext_lazy("检查人员"))
    def inspector_list(self, obj):
        return "、".join(i.full_name or i.email for i in obj.inspectors.all())

    @admin.display(description=gettext_lazy("逾期未整改"), boolean=True)
    def overdue_flag(self, obj):
        return obj.rectification_overdue()

    def save_model(self, request, obj, form, change):
        data = form.cleaned_data
        try:
            saved = services.check_record_result(
                check=obj,
                user=request.user,
                result=data["result"],
                checked_on=data.get("checked_on"),
                findings=data.get("findings", ""),
                rectification_deadline=data.get("rectification_deadline"),
            )
            if data.get("rectified_on") and saved.result == CheckResult.RECTIFY:
                services.check_mark_rectified(
                    check=saved, user=request.user, rectified_on=data["rectified_on"]
                )
            if data.get("evidence_file"):
                services.check_add_evidence(
                    check=saved, user=request.user, upload=data["evidence_file"]
                )
        except services.ActionRefused as error:
            raise PermissionDenied(error) from error

    def get_form(self, request, obj=None, change=False, **kwargs):
        form_class = super().get_form(request, obj, change, **kwargs)

        class CheckedForm(form_class):
            def clean(self):
                cleaned = super().clean()
                self._check_with_service(cleaned)
                return cleaned

            def _check_with_service(self, cleaned):
                # The service validates too; asking it here turns refusals into field errors.
                from brandportal.files import validate_upload

                upload = cleaned.get("evidence_file")
                if upload:
                    try:
                        validate_upload(upload)
                    except ValidationError as error:
                        self.add_error("evidence_file", error)
                result = cleaned.get("result")
                if result == CheckResult.PENDING:
                    self.add_error("result", _("请选择检查结果。"))
                if result == CheckResult.RECTIFY and not cleaned.get("rectification_deadline"):
                    self.add_error("rectification_deadline", _("限期整改须填写整改期限。"))
                if (
                    result in (CheckResult.FAILED, CheckResult.RECTIFY)
                    and not (cleaned.get("findings") or "").strip()
                ):
                    self.add_error("findings", _("不合格或限期整改须填写检查发现。"))
                if not cleaned.get("checked_on") and "checked_on" in self.fields:
                    self.add_error("checked_on", _("请填写检查日期。"))

        return CheckedForm

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path(
                "<int:object_id>/sanction/",
                wrap(self.sanction_view),
                name="supervision_check_sanction",
            ),
            path(
                "evidence/<int:evidence_id>/download/",
                wrap(self.evidence_download),
                name="supervision_evidence_download",
            ),
            *super().get_urls(),
        ]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        check = self.get_object(request, object_id)
        extra = dict(extra_context or {})
        if check is not None:
            extra.update(
                may_sanction=(check.result == CheckResult.FAILED or check.rectification_overdue())
                and can(request.user, "supervision.sanction_spotcheck", check),
                sanction_certificates=check.certificates.all(),
                sanction_actions=SanctionAction.choices,
                sanction_reasons=SanctionReason.choices,
                rectification_overdue=check.rectification_overdue(),
            )
        return super().change_view(request, object_id, form_url, extra_context=extra)

    def sanction_view(self, request, object_id):
        if request.method != "POST":
            raise Http404
        check = get_object_or_404(self.get_queryset(request), pk=object_id)
        change_url = reverse("admin:supervision_spotcheck_change", args=[check.pk])
        certificate = check.certificates.filter(
            pk=positive_int(request.POST.get("certificate")) or 0
        ).first()
        if certificate is None:
            messages.error(request, _("请选择本次抽查涉及的证书。"))
            return HttpResponseRedirect(change_url)
        try:
            services.check_sanction(
                check=check,
                certificate=certificate,
                user=request.user,
                action=request.POST.get("action", ""),
                reason_code=request.POST.get("reason_code", ""),
                reason_text=request.POST.get("reason_text", ""),
            )
        except (services.ActionRefused, TransitionError) as error:
            for reason in error.reasons:
                messages.error(request, reason)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        except ValueError:
            messages.error(request, _("无效的操作。"))
        except PermissionDenied:
            messages.error(request, _("您无权执行此操作。"))
        else:
            messages.success(request, _("已处理证书 %(number)s。") % {"number": certificate.number})
        return HttpResponseRedirect(change_url)

    def evidence_download(self, request, evidence_id):
        evidence = get_object_or_404(SpotCheckEvidence, pk=evidence_id)
        if not can(request.user, "supervision.view_spotcheckevidence", evidence):
            raise Http404
        return private_file_response(evidence.file, evidence.original_name)
