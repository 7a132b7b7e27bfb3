"""Recognised brands and cited certificates in the admin (the reviewer verifies)."""

from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.rules import can
from brandportal.admin import ReadOnlyInline

from .. import services
from ..enums import ReviewStep
from ..models import RecognisedBrand, RecognisedCertificateCitation
from ..selectors import citations_visible_to
from .base import RulesAdminMixin, private_file_response


@admin.register(RecognisedBrand)
class RecognisedBrandAdmin(RulesAdminMixin, admin.ModelAdmin):
    list_display = ["name", "region", "agreement_date", "is_active", "sort_order"]
    search_fields = ["name", "region"]


class CitationForm(forms.ModelForm):
    replaced_steps = forms.MultipleChoiceField(
        label=gettext_lazy("可替代的评审环节"),
        choices=ReviewStep.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = RecognisedCertificateCitation
        fields = ["verified", "replaced_steps", "reviewer_note"]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("replaced_steps") and not cleaned.get("verified"):
            self.add_error("replaced_steps", _("未核实的证书不能替代评审环节。"))
        return cleaned


CITATION_FACTS = ["application", "brand", "number", "valid_until", "file_link", "created_at"]


@admin.register(RecognisedCertificateCitation)
class CitationAdmin(RulesAdminMixin, admin.ModelAdmin):
    form = CitationForm
    list_display = ["application", "brand", "number", "valid_until", "verified"]
    list_filter = ["brand", "verified"]
    search_fields = ["number", "application__enterprise__name"]

    def get_queryset(self, request):
        return citations_visible_to(request.user)

    def get_fields(self, request, obj=None):
        return [*CITATION_FACTS, "verified", "replaced_steps", "reviewer_note", "verified_by"]

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and self.has_change_permission(request, obj):
            return [*CITATION_FACTS, "verified_by"]
        return self.get_fields(request, obj)

    def has_add_permission(self, request, *args):
        return False  # the enterprise cites on its own pages

    @admin.display(description=gettext_lazy("证书文件"))
    def file_link(self, obj):
        if not obj.file:
            return "-"
        url = reverse("admin:supervision_citation_file", args=[obj.pk])
        return format_html('<a href="{}">{}</a>', url, _("下载"))

    def save_model(self, request, obj, form, change):
        data = form.cleaned_data
        services.citation_verify(
            citation=obj,
            user=request.user,
            verified=data.get("verified", False),
            replaced_steps=data.get("replaced_steps", []),
            reviewer_note=data.get("reviewer_note", ""),
        )

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path("<int:object_id>/file/", wrap(self.file_view), name="supervision_citation_file"),
            *super().get_urls(),
        ]

    def file_view(self, request, object_id):
        citation = get_object_or_404(self.get_queryset(request), pk=object_id)
        if not can(request.user, "supervision.view_recognisedcertificatecitation", citation):
            raise PermissionDenied
        return private_file_response(citation.file)


class CitationInline(ReadOnlyInline):
    """Shown on the application in the reviewer's admin: what the enterprise cites."""

    model = RecognisedCertificateCitation
    fields = ["brand", "number", "valid_until", "verified", "steps", "open"]
    verbose_name_plural = gettext_lazy("已获互认品牌证书")

    @admin.display(description=gettext_lazy("可替代的评审环节"))
    def steps(self, obj):
        return "、".join(obj.replaced_step_labels()) or "-"

    @admin.display(description=gettext_lazy("核实"))
    def open(self, obj):
        url = reverse("admin:supervision_recognisedcertificatecitation_change", args=[obj.pk])
        return format_html('<a href="{}">{}</a>', url, _("核实与记录"))
