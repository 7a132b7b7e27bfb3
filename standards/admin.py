"""Admin for provincial administrators: standards with indicator inlines, lifecycle
buttons that call the services, and Excel import/export of indicators."""

import os

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms.models import BaseInlineFormSet
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from import_export.formats import base_formats

from accounts.rules import can
from activity.admin import LogEntryInline
from brandportal.admin import (
    ObjectPagesFollowListMixin,
    PortalImportExportModelAdmin,
)
from brandportal.params import positive_int
from enterprises.admin import RulesAdminMixin

from . import services
from .enums import IndicatorKind, StandardState
from .models import Indicator, ProductCategory, Standard, format_score
from .resources import IndicatorResource
from .selectors import standards_visible_to

# Content that freezes once a standard is published; notes stay editable.
CONTENT_FIELDS = [
    "code",
    "title",
    "type",
    "categories",
    "proposing_organisation",
    "proposing_county",
    "issuing_body",
    "submitted_on",
    "published_on",
    "effective_on",
    "full_text",
    "pass_score",
]
ALWAYS_READONLY = ["state", "withdrawn_on", "superseded_by", "created_at", "updated_at"]


class _DownloadLink:
    """Stands in for a private file in the upload widget: its link is the download view."""

    def __init__(self, name, url):
        self.name, self.url = name, url

    def __str__(self):
        return os.path.basename(self.name)


class PrivateFileInput(forms.ClearableFileInput):
    """The admin's file input, for files in private storage (which have no URL)."""

    download_url = ""

    def is_initial(self, value):
        return bool(value and getattr(value, "name", None))

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        if self.is_initial(value):
            context["widget"]["value"] = _DownloadLink(value.name, self.download_url)
        return context


def _frozen(field_name):
    return "full_text_download" if field_name == "full_text" else field_name


class IndicatorInlineFormSet(BaseInlineFormSet):
    def clean(self):
        """Refuse a pass score above what the indicators being saved can add up to."""
        super().clean()
        standard = self.instance
        if any(self.errors) or not standard.is_editable or standard.pass_score is None:
            return
        total = sum(
            (
                form.cleaned_data.get("max_score") or 0
                for form in self.forms
                if form.cleaned_data
                and not form.cleaned_data.get("DELETE")
                and form.cleaned_data.get("kind") == IndicatorKind.SCORED
            ),
            start=0,
        )
        if standard.pass_score > total:
            raise ValidationError(
                _("合格分数线 %(pass)s 高于评分项满分合计 %(total)s。请降低分数线或补充评分项。"),
                code="pass_score_above_total",
                params={"pass": format_score(standard.pass_score), "total": format_score(total)},
            )


class IndicatorPermissionMixin:
    """Indicators follow their standard: editable by provincial admins while it is."""

    def _editable(self, request, standard):
        return can(request.user, "standards.change_indicator") and (
            standard is None or standard.is_editable
        )

    def has_view_permission(self, request, obj=None):
        return can(request.user, "standards.view_indicator")


class IndicatorInline(IndicatorPermissionMixin, admin.TabularInline):
    model = Indicator
    formset = IndicatorInlineFormSet
    fields = ["sort_order", "dimension", "name", "requirement", "kind", "max_score"]
    extra = 0

    def has_add_permission(self, request, obj=None):
        return self._editable(request, obj)

    def has_change_permission(self, request, obj=None):
        return self._editable(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self._editable(request, obj)


class StandardLogEntryInline(LogEntryInline):
    view_permission = "standards.view_standardlogentry"
    verbose_name_plural = gettext_lazy("状态变更记录")


@admin.register(Standard)
class StandardAdmin(RulesAdminMixin, admin.ModelAdmin):
    list_display = ["code", "title", "type", "state", "published_on", "proposing_county"]
    list_filter = ["type", "state", "categories"]
    search_fields = ["code", "title"]
    filter_horizontal = ["categories"]
    autocomplete_fields = ["proposing_county"]
    inlines = [IndicatorInline, StandardLogEntryInline]
    change_form_template = "standards/admin/standard_change_form.html"
    fieldsets = [
        (None, {"fields": ["code", "title", "type", "state", "categories"]}),
        (
            gettext_lazy("提出与发布"),
            {
                "fields": [
                    "proposing_organisation",
                    "proposing_county",
                    "issuing_body",
                    "submitted_on",
                    "published_on",
                    "effective_on",
                    "withdrawn_on",
                    "superseded_by",
                ]
            },
        ),
        (gettext_lazy("全文与评价"), {"fields": ["full_text", "pass_score", "notes"]}),
        (gettext_lazy("记录"), {"fields": ["created_at", "updated_at"]}),
    ]

    def get_queryset(self, request):
        return standards_visible_to(request.user)

    def has_view_permission(self, request, obj=None):
        # The admin is for managing; everyone else reads standards on the public pages.
        return self.has_change_permission(request, obj)

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and not obj.is_editable:
            return [*ALWAYS_READONLY, *CONTENT_FIELDS, "full_text_download"]
        return ALWAYS_READONLY

    def get_fieldsets(self, request, obj=None):
        if obj is None or obj.is_editable:
            return self.fieldsets
        # Private files have no URL: a frozen standard links to the download view.
        return [
            (name, {**options, "fields": [_frozen(f) for f in options["fields"]]})
            for name, options in self.fieldsets
        ]

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        if "full_text" in form.base_fields:
            widget = PrivateFileInput()
            if obj is not None:
                widget.download_url = reverse("standards:full_text", args=[obj.pk])
            form.base_fields["full_text"].widget = widget
        return form

    @admin.display(description=gettext_lazy("标准全文（PDF）"))
    def full_text_download(self, obj):
        if obj is None or not obj.full_text:
            return "—"
        url = reverse("standards:full_text", args=[obj.pk])
        return format_html('<a href="{}">{}</a>', url, _("下载"))

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        return [
            path(
                "<path:object_id>/transition/<str:name>/",
                self.admin_site.admin_view(self.transition_view),
                name="{}_{}_transition".format(*info),
            ),
            *super().get_urls(),
        ]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        standard = self.get_object(request, unquote(object_id))
        context = dict(extra_context or {})
        if standard is not None:
            context.update(self._transition_context(request, standard))
        return super().change_view(request, object_id, form_url, extra_context=context)

    def _transition_context(self, request, standard):
        user = request.user
        blocked = []
        if standard.state in (StandardState.DRAFTING, StandardState.SUBMITTED):
            name = "submit" if standard.state == StandardState.DRAFTING else "publish"
            spec = services.TRANSITIONS[name]
            if can(user, spec.permission, standard):
                blocked = [(spec.label, services.transition_problems(standard, name))]
        return {
            "transitions": services.available_transitions(standard, user),
            "blocked_transitions": [(label, problems) for label, problems in blocked if problems],
            "supersede_candidates": Standard.objects.published().exclude(pk=standard.pk),
            "indicators_url": reverse("admin:standards_indicator_changelist")
            + f"?standard__id__exact={standard.pk}",
        }

    def transition_view(self, request, object_id, name):
        if not self.has_change_permission(request):
            raise PermissionDenied
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        standard = self.get_object(request, unquote(object_id))
        if standard is None or name not in services.TRANSITIONS:
            raise Http404
        spec = services.TRANSITIONS[name]
        comment = request.POST.get("comment", "").strip()
        try:
            if name == "supersede":
                by = Standard.objects.filter(pk=positive_int(request.POST.get("by"))).first()
                services.standard_supersede(
                    standard=standard, by=by, user=request.user, comment=comment
                )
            else:
                action = getattr(services, f"standard_{name}")
                action(standard=standard, user=request.user, comment=comment)
        except PermissionDenied:
            raise
        except services.TransitionRefused as refusal:
            self.message_user(
                request,
                _("未能%(action)s：%(reasons)s")
                % {"action": spec.label, "reasons": "；".join(refusal.reasons)},
                messages.ERROR,
            )
        else:
            self.message_user(
                request,
                _("标准“%(code)s”已%(action)s。") % {"code": standard.code, "action": spec.label},
                messages.SUCCESS,
            )
        return redirect("admin:standards_standard_change", standard.pk)


@admin.register(Indicator)
class IndicatorAdmin(
    ObjectPagesFollowListMixin, IndicatorPermissionMixin, PortalImportExportModelAdmin
):
    """Indicators across standards; here they are imported from and exported to Excel."""

    resource_classes = [IndicatorResource]
    import_formats = [base_formats.XLSX]
    export_formats = [base_formats.XLSX]
    list_display = ["name", "standard", "dimension", "kind", "max_score", "sort_order"]
    list_filter = ["dimension", "kind", "standard"]
    search_fields = ["name", "standard__code", "standard__title"]
    list_select_related = ["standard"]
    autocomplete_fields = ["standard"]

    def has_add_permission(self, request):
        return self._editable(request, None)

    def has_change_permission(self, request, obj=None):
        return self._editable(request, obj.standard if obj else None)

    def has_delete_permission(self, request, obj=None):
        return self._editable(request, obj.standard if obj else None)

    def has_import_permission(self, request):
        return can(request.user, "standards.add_indicator")

    def has_export_permission(self, request):
        return can(request.user, "standards.view_indicator")


@admin.register(ProductCategory)
class ProductCategoryAdmin(RulesAdminMixin, admin.ModelAdmin):
    list_display = ["name", "code", "parent", "sort_order"]
    list_filter = ["parent"]
    search_fields = ["name", "code"]

    def has_view_permission(self, request, obj=None):
        # Everyone may read the taxonomy, but only administrators use this screen.
        return can(request.user, "standards.change_productcategory")
