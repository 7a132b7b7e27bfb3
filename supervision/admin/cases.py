"""Infringement cases in the admin: register, investigate, confirm or dismiss."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.dateparse import parse_date
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.rules import can
from activity.admin import LogEntryInline
from brandportal.files import validate_upload

from .. import services
from ..enums import CaseAction, CaseSource, CaseState
from ..models import InfringementCase
from .base import RulesAdminMixin, private_file_response

REPORT_FIELDS = [
    "kind",
    "party_name",
    "party_credit_code",
    "place",
    "description",
    "certificate_number",
]
RECORD_FIELDS = [
    "reference",
    "state",
    "source",
    "duplicate_flag",
    "evidence_link",
    "reporter_contact",
    "fake_report",
    "handler",
    "decision_number",
    "decision_date",
    "penalty",
    "dismissal_reason",
    "created_at",
]


class CaseAddForm(forms.ModelForm):
    evidence_upload = forms.FileField(label=gettext_lazy("证据文件（可选）"), required=False)

    class Meta:
        model = InfringementCase
        fields = REPORT_FIELDS

    def clean_evidence_upload(self):
        upload = self.cleaned_data.get("evidence_upload")
        if upload:
            validate_upload(upload)  # the service checks again; here it is a field error
        return upload


class CaseLogInline(LogEntryInline):
    prefix = "log"
    ordering = ["at", "pk"]
    view_permission = "supervision.view_caselog"


@admin.register(InfringementCase)
class InfringementCaseAdmin(RulesAdminMixin, admin.ModelAdmin):
    list_display = [
        "reference",
        "party_name",
        "place",
        "kind",
        "state",
        "source",
        "duplicate_flag",
        "handler",
        "created_at",
    ]
    list_filter = ["state", "source", "kind", ("possible_duplicate_of", admin.EmptyFieldListFilter)]
    search_fields = ["party_name", "place", "certificate_number", "decision_number"]
    inlines = [CaseLogInline]
    change_form_template = "supervision/admin/case_change_form.html"

    def get_form(self, request, obj=None, change=False, **kwargs):
        if obj is None:
            kwargs["form"] = CaseAddForm
        return super().get_form(request, obj, change, **kwargs)

    def get_fields(self, request, obj=None):
        return [*REPORT_FIELDS, "evidence_upload"] if obj is None else REPORT_FIELDS + RECORD_FIELDS

    def get_readonly_fields(self, request, obj=None):
        return [] if obj is None else REPORT_FIELDS + RECORD_FIELDS

    def get_inlines(self, request, obj):
        return [] if obj is None else self.inlines

    @admin.display(description=gettext_lazy("案件编号"), ordering="pk")
    def reference(self, obj):
        return obj.reference

    @admin.display(description=gettext_lazy("疑似重复"))
    def duplicate_flag(self, obj):
        if obj.possible_duplicate_of_id is None:
            return "-"
        url = reverse(
            "admin:supervision_infringementcase_change", args=[obj.possible_duplicate_of_id]
        )
        return format_html(
            '<a href="{}" data-flag="duplicate">{}</a>',
            url,
            _("疑似与 %(ref)s 重复") % {"ref": f"QQ{obj.possible_duplicate_of_id:06d}"},
        )

    @admin.display(description=gettext_lazy("证据文件"))
    def evidence_link(self, obj):
        if not obj.evidence:
            return "-"
        url = reverse("admin:supervision_case_evidence", args=[obj.pk])
        return format_html('<a href="{}">{}</a>', url, _("下载"))

    def save_model(self, request, obj, form, change):
        if change:
            raise PermissionDenied
        data = form.cleaned_data
        try:
            created = services.case_report(
                **{name: data.get(name) or "" for name in REPORT_FIELDS},
                evidence=data.get("evidence_upload"),
                source=CaseSource.SUPERVISOR,
            )
        except ValidationError as error:
            raise PermissionDenied(error) from error
        obj.pk = created.pk

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path(
                "<int:object_id>/act/<str:action>/",
                wrap(self.act_view),
                name="supervision_case_act",
            ),
            path(
                "<int:object_id>/evidence/",
                wrap(self.evidence_view),
                name="supervision_case_evidence",
            ),
            *super().get_urls(),
        ]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        case = self.get_object(request, object_id)
        extra = dict(extra_context or {})
        if case is not None and can(request.user, "supervision.change_infringementcase", case):
            extra["case_actions"] = [t.name for t in case.get_available_state_transitions()]
            extra["is_public"] = case.state == CaseState.CONFIRMED
        return super().change_view(request, object_id, form_url, extra_context=extra)

    def act_view(self, request, object_id, action):
        if request.method != "POST":
            raise Http404
        case = get_object_or_404(self.get_queryset(request), pk=object_id)
        change_url = reverse("admin:supervision_infringementcase_change", args=[case.pk])
        post = request.POST
        try:
            action = CaseAction(action)
            if action == CaseAction.INVESTIGATE:
                services.case_investigate(
                    case=case, user=request.user, comment=post.get("comment", "")
                )
            elif action == CaseAction.CONFIRM:
                services.case_confirm(
                    case=case,
                    user=request.user,
                    decision_number=post.get("decision_number", ""),
                    decision_date=parse_date(post.get("decision_date", "") or "") or None,
                    penalty=post.get("penalty", ""),
                    comment=post.get("comment", ""),
                )
            else:
                services.case_dismiss(case=case, user=request.user, reason=post.get("reason", ""))
        except ValueError:
            messages.error(request, _("无效的操作。"))
        except services.ActionRefused as error:
            for reason in error.reasons:
                messages.error(request, reason)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        except PermissionDenied:
            messages.error(request, _("您无权执行此操作。"))
        else:
            messages.success(request, _("已%(action)s。") % {"action": action.label})
        return HttpResponseRedirect(change_url)

    def evidence_view(self, request, object_id):
        case = get_object_or_404(self.get_queryset(request), pk=object_id)
        if not can(request.user, "supervision.view_infringementcase", case):
            raise Http404
        return private_file_response(case.evidence)
