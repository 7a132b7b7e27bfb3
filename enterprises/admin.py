from django import forms
from django.contrib import admin
from django.core.files.uploadedfile import UploadedFile

from brandportal.admin import ObjectPagesFollowListMixin

from .models import AdministrativeDivision, CertificationBody, Enterprise
from .seals import reencode_seal
from .selectors import enterprises_visible_to


class RulesAdminMixin(ObjectPagesFollowListMixin):
    """Ask the project's permission rules (with the object) instead of model permissions.

    An object page also needs the list's permission (ObjectPagesFollowListMixin).
    """

    def _perm(self, action):
        opts = self.opts
        return f"{opts.app_label}.{action}_{opts.model_name}"

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm(self._perm("view"), obj) or self.has_change_permission(
            request, obj
        )

    def has_change_permission(self, request, obj=None):
        return request.user.has_perm(self._perm("change"), obj)

    def has_add_permission(self, request):
        return request.user.has_perm(self._perm("add"))

    def has_delete_permission(self, request, obj=None):
        return request.user.has_perm(self._perm("delete"), obj)


@admin.register(AdministrativeDivision)
class AdministrativeDivisionAdmin(RulesAdminMixin, admin.ModelAdmin):
    list_display = ["code", "name", "level", "parent"]
    list_filter = ["level"]
    search_fields = ["code", "name"]
    autocomplete_fields = ["parent"]


@admin.register(Enterprise)
class EnterpriseAdmin(RulesAdminMixin, admin.ModelAdmin):
    list_display = ["name", "credit_code", "division", "industry", "contact_name", "created_at"]
    list_filter = ["industry", "division"]
    search_fields = ["name", "credit_code", "contact_name"]
    autocomplete_fields = ["division"]
    readonly_fields = ["created_at", "updated_at"]

    def get_queryset(self, request):
        return enterprises_visible_to(request.user)


class CertificationBodyForm(forms.ModelForm):
    class Meta:
        model = CertificationBody
        fields = [
            "name",
            "credit_code",
            "approval_number",
            "is_accredited",
            "accredited_until",
            "address",
            "contact_name",
            "contact_phone",
            "email",
            "seal",
        ]

    def clean_seal(self):
        seal = self.cleaned_data.get("seal")
        if isinstance(seal, UploadedFile):  # a new upload, not the stored file
            return reencode_seal(seal)
        return seal


@admin.register(CertificationBody)
class CertificationBodyAdmin(RulesAdminMixin, admin.ModelAdmin):
    form = CertificationBodyForm
    list_display = ["name", "approval_number", "is_accredited", "accredited_until"]
    list_filter = ["is_accredited"]
    search_fields = ["name", "credit_code", "approval_number"]
