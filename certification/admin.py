"""The reviewer's workspace: applications, reviews, evidence, the log, conflicts.

Querysets come from the selectors (reviewers see their body's applications minus their
conflicts; supervisors and administrators see all) and permissions from the rules in
`certification/rules.py`. Nothing here changes state directly: the transition buttons
and the review call the services.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import RelatedOnlyFieldListFilter
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from accounts.roles import Role
from accounts.rules import can
from standards.enums import IndicatorKind

from . import reviewing, services
from .enums import ACTIONS_NEEDING_REASON, Action, ApplicationState, CheckResult
from .models import (
    Application,
    ConflictOfInterest,
    IndicatorScore,
    Product,
    Review,
    TransitionLog,
)
from .selectors import applications_visible_to, products_visible_to

# Actions the enterprise takes on its own pages, never from the admin.
ENTERPRISE_ACTIONS = frozenset({Action.SUBMIT, Action.RESUBMIT, Action.WITHDRAW})
BADGE_COLOURS = {
    ApplicationState.DRAFT: "#9e9e9e",
    ApplicationState.SUBMITTED: "#1976d2",
    ApplicationState.UNDER_REVIEW: "#6a1b9a",
    ApplicationState.NEEDS_CHANGES: "#ef6c00",
    ApplicationState.REJECTED: "#c62828",
    ApplicationState.REVOKED: "#c62828",
    ApplicationState.CERTIFIED: "#2e7d32",
    ApplicationState.SUPERVISED: "#2e7d32",
    ApplicationState.SUSPENDED: "#f9a825",
}


class NotFoundMixin:
    """An object outside the user's queryset is a 404, not a redirect that hints at it."""

    def _get_obj_does_not_exist_redirect(self, request, opts, object_id):
        raise Http404


class ReadOnlyMixin:
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Application)
class ApplicationAdmin(NotFoundMixin, ReadOnlyMixin, admin.ModelAdmin):
    list_display = [
        "reference",
        "product",
        "enterprise",
        "standard",
        "certification_body",
        "state_badge",
        "round",
        "updated_at",
    ]
    list_display_links = ["reference", "product"]
    list_filter = [
        "state",
        ("standard", RelatedOnlyFieldListFilter),
        ("enterprise__division", RelatedOnlyFieldListFilter),
        ("product__category", RelatedOnlyFieldListFilter),
        ("certification_body", RelatedOnlyFieldListFilter),
    ]
    search_fields = ["product__name", "enterprise__name", "enterprise__credit_code"]
    fields = [
        "enterprise",
        "product",
        "standard",
        "certification_body",
        "state",
        "round",
        "renewal_of",
        "recognised_brands_note",
        "created_by",
        "created_at",
        "submitted_at",
        "decided_at",
    ]
    readonly_fields = fields
    change_form_template = "certification/admin/application_change_form.html"

    def get_queryset(self, request):
        return applications_visible_to(request.user)

    def has_view_permission(self, request, obj=None):
        return can(request.user, "certification.view_application", obj)

    @admin.display(description=gettext_lazy("申请编号"), ordering="pk")
    def reference(self, obj):
        return obj.reference

    @admin.display(description=gettext_lazy("状态"), ordering="state")
    def state_badge(self, obj):
        return format_html(
            '<span style="color:#fff;background:{};padding:1px 8px;border-radius:8px" '
            'data-state="{}">{}</span>',
            BADGE_COLOURS.get(obj.state, "#616161"),
            obj.state,
            obj.get_state_display(),
        )

    def get_urls(self):
        urls = super().get_urls()
        view = self.admin_site.admin_view(self.transition_view)
        return [
            path(
                "<path:object_id>/transition/",
                view,
                name="certification_application_transition",
            ),
            *urls,
        ]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        application = self.get_object(request, object_id)
        extra = dict(extra_context or {})
        if application is not None:
            extra.update(self._workspace_context(request, application))
        return super().change_view(request, object_id, form_url, extra_context=extra)

    def _workspace_context(self, request, application):
        user = request.user
        actions = [
            a
            for a in services.available_actions(application, user)
            if a.action not in ENTERPRISE_ACTIONS
        ]
        review = application.current_review
        may_review = review is not None and ReviewAdmin.may_edit(user, review)
        return {
            "transition_actions": actions,
            "reason_actions": [a.value for a in ACTIONS_NEEDING_REASON],
            "review": review,
            "may_review": may_review,
            "documents": application.documents.select_related("uploaded_by"),
            "log_entries": application.log_entries.select_related("actor"),
            "missing_documents": application.missing_document_types(),
        }

    def transition_view(self, request, object_id):
        if request.method != "POST":
            raise Http404
        application = get_object_or_404(self.get_queryset(request), pk=object_id)
        change_url = reverse("admin:certification_application_change", args=[application.pk])
        try:
            action = Action(request.POST.get("action", ""))
        except ValueError:
            messages.error(request, _("无效的操作。"))
            return HttpResponseRedirect(change_url)
        if action in ENTERPRISE_ACTIONS:
            messages.error(request, _("无效的操作。"))
            return HttpResponseRedirect(change_url)
        try:
            services.application_transition(
                application=application,
                action=action,
                user=request.user,
                comment=request.POST.get("comment", ""),
                expected_state=request.POST.get("expected_state") or None,
            )
        except services.TransitionError as error:
            for reason in error.reasons:
                messages.error(request, reason)
        except PermissionDenied:
            messages.error(request, _("您无权执行此操作。"))
        else:
            messages.success(request, _("已%(action)s。") % {"action": action.label})
        return HttpResponseRedirect(change_url)


# --- reviews -------------------------------------------------------------------------


class IndicatorScoreFormSet(forms.BaseInlineFormSet):
    """Scores within 0..max for scored indicators; a verdict only for mandatory ones."""

    def clean(self):
        super().clean()
        for form in self.forms:
            data = getattr(form, "cleaned_data", None)
            if not data or form.instance.pk is None:
                continue
            indicator = form.instance.indicator
            score = data.get("score")
            if indicator.kind == IndicatorKind.SCORED:
                if score is not None and score > (indicator.max_score or 0):
                    form.add_error(
                        "score",
                        _("得分应在 0 到 %(max)s 之间。") % {"max": indicator.max_score},
                    )
            elif score is not None:
                form.add_error("score", _("否决项只评定合格与否，不打分。"))


class IndicatorScoreInline(admin.TabularInline):
    model = IndicatorScore
    formset = IndicatorScoreFormSet
    fields = [
        "indicator",
        "dimension",
        "kind",
        "requirement",
        "max_score",
        "score",
        "passed",
        "note",
    ]
    readonly_fields = ["indicator", "dimension", "kind", "requirement", "max_score"]
    extra = 0
    max_num = 0
    can_delete = False

    @admin.display(description=gettext_lazy("评价维度"))
    def dimension(self, obj):
        return obj.indicator.get_dimension_display()

    @admin.display(description=gettext_lazy("类型"))
    def kind(self, obj):
        return obj.indicator.get_kind_display()

    @admin.display(description=gettext_lazy("指标要求"))
    def requirement(self, obj):
        return obj.indicator.requirement

    @admin.display(description=gettext_lazy("满分"))
    def max_score(self, obj):
        return obj.indicator.max_score if obj.indicator.kind == IndicatorKind.SCORED else "—"

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("indicator")

    def has_view_permission(self, request, obj=None):
        return obj is None or can(request.user, "certification.view_application", obj.application)

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return obj is not None and ReviewAdmin.may_edit(request.user, obj)

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Review)
class ReviewAdmin(NotFoundMixin, admin.ModelAdmin):
    list_display = ["__str__", "document_result", "onsite_result", "total_score", "result"]
    list_filter = ["result", "application__state"]
    fields = [
        "application_link",
        "round",
        "reviewer",
        "document_result",
        "document_notes",
        "onsite_date",
        "onsite_result",
        "onsite_notes",
        "test_results",
        "total_score",
        "result",
        "completed_at",
    ]
    readonly_fields = [
        "application_link",
        "round",
        "reviewer",
        "total_score",
        "result",
        "completed_at",
    ]
    inlines = [IndicatorScoreInline]
    change_form_template = "certification/admin/review_change_form.html"

    @staticmethod
    def may_edit(user, review) -> bool:
        application = review.application
        return (
            can(user, "certification.review_application", application)
            and application.state == ApplicationState.UNDER_REVIEW
            and review.round == application.round
        )

    def get_queryset(self, request):
        visible = applications_visible_to(request.user)
        return Review.objects.filter(application__in=visible).select_related(
            "application__standard", "application__product", "reviewer"
        )

    def has_view_permission(self, request, obj=None):
        if obj is None:
            return request.user.has_perm("certification.view_review")
        return can(request.user, "certification.view_application", obj.application)

    def has_change_permission(self, request, obj=None):
        if obj is None:
            return request.user.has_perm("certification.change_review")
        return self.may_edit(request.user, obj)

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=gettext_lazy("申请"))
    def application_link(self, obj):
        url = reverse("admin:certification_application_change", args=[obj.application_id])
        return format_html('<a href="{}">{}</a>', url, obj.application)

    def get_urls(self):
        view = self.admin_site.admin_view(require_POST(self.complete_view))
        return [
            path("<path:object_id>/complete/", view, name="certification_review_complete"),
            *super().get_urls(),
        ]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        review = self.get_object(request, object_id)
        if review is not None and request.method == "GET" and self.may_edit(request.user, review):
            reviewing.review_prepare_scores(review)
        return super().change_view(request, object_id, form_url, extra_context)

    def save_model(self, request, obj, form, change):
        # The service checks role and state, reopens a completed review (its findings
        # changed) and saves the findings on `obj`.
        reviewing.review_record_scores(review=obj, user=request.user, scores={})

    def save_formset(self, request, form, formset, change):
        if formset.model is not IndicatorScore:
            return super().save_formset(request, form, formset, change)
        scores = {}
        for score_form in formset.forms:
            data = score_form.cleaned_data
            if not data:
                continue
            scores[score_form.instance.indicator_id] = {
                "score": data.get("score"),
                "passed": data.get("passed"),
                "note": data.get("note", ""),
            }
        if scores:
            reviewing.review_record_scores(review=form.instance, user=request.user, scores=scores)
        # What the admin's change message reads (formset.save() is not called).
        formset.new_objects, formset.deleted_objects = [], []
        formset.changed_objects = [
            (f.instance, f.changed_data) for f in formset.forms if f.has_changed()
        ]

    def response_change(self, request, obj):
        if "_complete" in request.POST:
            self._complete(request, obj)
            return HttpResponseRedirect(request.path)
        return super().response_change(request, obj)

    def complete_view(self, request, object_id):
        review = get_object_or_404(self.get_queryset(request), pk=object_id)
        self._complete(request, review)
        return HttpResponseRedirect(
            reverse("admin:certification_application_change", args=[review.application_id])
        )

    def _complete(self, request, review):
        try:
            review, reasons = reviewing.review_complete(review=review, user=request.user)
        except PermissionDenied:
            messages.error(request, _("您无权完成此评审。"))
            return
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
            return
        summary = _("评审已完成：总分 %(total)s，结论：%(result)s。") % {
            "total": review.total_score,
            "result": review.get_result_display(),
        }
        if review.result == CheckResult.PASS:
            messages.success(request, summary)
        else:
            messages.warning(request, summary)
            for reason in reasons:
                messages.warning(request, reason)


# --- the log, conflicts, products --------------------------------------------------


@admin.register(TransitionLog)
class TransitionLogAdmin(NotFoundMixin, ReadOnlyMixin, admin.ModelAdmin):
    """Read-only for everyone, superusers included: the log is never edited."""

    list_display = ["at", "application", "action", "from_state", "to_state", "actor", "comment"]
    list_filter = ["action", "to_state"]
    search_fields = ["application__product__name", "application__enterprise__name", "comment"]
    fields = ["application", "action", "from_state", "to_state", "actor", "at", "comment"]
    readonly_fields = fields

    def get_queryset(self, request):
        visible = applications_visible_to(request.user)
        return TransitionLog.objects.filter(application__in=visible).select_related(
            "application__product", "actor"
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
