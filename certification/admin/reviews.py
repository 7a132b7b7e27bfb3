"""A round's review in the admin: findings, one score row per indicator, completion."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from accounts.rules import can
from standards.enums import IndicatorKind

from .. import reviewing
from ..enums import ApplicationState, CheckResult
from ..models import IndicatorScore, Review
from ..selectors import applications_visible_to
from .base import NotFoundMixin


def review_editable(user, review) -> bool:
    """The user may review the application, which is under review in the review's round."""
    application = review.application
    return (
        can(user, "certification.review_application", application)
        and application.state == ApplicationState.UNDER_REVIEW
        and review.round == application.round
    )


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
        return obj is not None and review_editable(request.user, obj)

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
        return review_editable(request.user, obj)

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
        if review is not None and request.method == "GET" and review_editable(request.user, review):
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
