"""The transition log, reviewers' conflicts of interest and products in the admin."""

from django.contrib import admin
from django.contrib.admin import RelatedOnlyFieldListFilter
from django.utils.translation import gettext_lazy as _

from accounts.roles import Role
from accounts.rules import can
from activity.admin import LogLabelsMixin

from ..models import ConflictOfInterest, Product, TransitionLog
from ..selectors import applications_visible_to, products_visible_to
from .base import NotFoundMixin, ReadOnlyMixin


@admin.register(TransitionLog)
class TransitionLogAdmin(LogLabelsMixin, NotFoundMixin, ReadOnlyMixin, admin.ModelAdmin):
    """Read-only for everyone, superusers included: the log is never edited."""

    list_display = [
        "at",
        "application_label",
        "action_label",
        "from_label",
        "to_label",
        "actor",
        "comment",
    ]
    list_filter = ["action", "to_state"]
    search_fields = ["application__product__name", "application__enterprise__name", "comment"]
    fields = [
        "application_label",
        "action_label",
        "from_label",
        "to_label",
        "actor",
        "at",
        "comment",
    ]
    readonly_fields = fields

    @admin.display(description=_("申请"))
    def application_label(self, entry):
        return entry.application

    def get_queryset(self, request):
        visible = applications_visible_to(request.user)
        return (
            TransitionLog.objects.filter(application__in=visible)
            .select_related("actor")
            .prefetch_related("content_object")
        )

    def has_view_permission(self, request, obj=None):
        if obj is None:
            return request.user.has_perm("certification.view_transitionlog")
        return can(request.user, "certification.view_full_log", obj.application)

    def get_actions(self, request):
        return {}


@admin.register(ConflictOfInterest)
class ConflictOfInterestAdmin(NotFoundMixin, admin.ModelAdmin):
    """Reviewers declare their own conflicts; they then neither see nor act on that one."""

    list_display = ["reviewer", "enterprise", "reason", "declared_at"]
    search_fields = ["enterprise__name", "reviewer__email", "reviewer__full_name"]

    def get_fields(self, request, obj=None):
        if obj is not None:
            return ["reviewer", "enterprise", "reason", "declared_at"]
        return ["enterprise", "reason"]

    def get_readonly_fields(self, request, obj=None):
        return ["reviewer", "enterprise", "reason", "declared_at"] if obj else []

    def get_queryset(self, request):
        queryset = super().get_queryset(request).select_related("reviewer", "enterprise")
        user = request.user
        if user.has_role(Role.PROVINCIAL_ADMIN):
            return queryset
        return queryset.filter(reviewer=user)

    def has_view_permission(self, request, obj=None):
        if obj is not None and obj.reviewer_id == request.user.pk:
            return True
        return request.user.has_perm("certification.view_conflictofinterest")

    def has_add_permission(self, request):
        return request.user.has_role(Role.REVIEWER)

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return request.user.has_role(Role.PROVINCIAL_ADMIN)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "enterprise":
            # A reviewer declares conflicts with enterprises whose applications the body
            # handles, without browsing the directory of all enterprises.
            from enterprises.models import Enterprise

            body_id = request.user.certification_body_id
            kwargs["queryset"] = Enterprise.objects.filter(
                applications__certification_body_id=body_id
            ).distinct()
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.reviewer = request.user
        super().save_model(request, obj, form, change)


@admin.register(Product)
class ProductAdmin(NotFoundMixin, ReadOnlyMixin, admin.ModelAdmin):
    """Officials look products up; enterprises manage them on their own pages."""

    list_display = ["name", "enterprise", "category", "trademark", "site_division"]
    list_filter = [("category", RelatedOnlyFieldListFilter)]
    search_fields = ["name", "trademark", "enterprise__name"]
    fields = [
        "enterprise",
        "name",
        "category",
        "trademark",
        "description",
        "site_address",
        "site_division",
    ]
    readonly_fields = fields

    def get_queryset(self, request):
        return products_visible_to(request.user)

    def has_view_permission(self, request, obj=None):
        # The queryset limits which products; the model permission says who may look.
        return request.user.has_perm("certification.view_product")
