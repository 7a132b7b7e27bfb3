"""Applications in the admin: the list, read-only facts, the transition buttons."""

from django.contrib import admin, messages
from django.contrib.admin import RelatedOnlyFieldListFilter
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.rules import can
from supervision.admin.recognition import CitationInline

from .. import services
from ..enums import ACTIONS_NEEDING_REASON, Action
from ..models import Application
from ..selectors import applications_visible_to
from .base import NotFoundMixin, ReadOnlyMixin
from .reviews import review_editable

# Actions the enterprise takes on its own pages, never from the admin.
ENTERPRISE_ACTIONS = frozenset({Action.SUBMIT, Action.RESUBMIT, Action.WITHDRAW})


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
    search_help_text = gettext_lazy(
        "可按申请编号（如 SQ000003）、产品名称、企业名称或统一社会信用代码搜索。"
    )
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

    class Media:
        css = {"all": ["certification/admin.css"]}

    inlines = [CitationInline]  # recognised certificates the enterprise cites

    def get_search_results(self, request, queryset, search_term):
        """Also find an application by its reference (SQ000003), as reviewers quote it."""
        results, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        pk = Application.pk_from_reference(search_term)
        if pk is not None:
            results = results | queryset.filter(pk=pk)
        return results, may_have_duplicates

    def get_queryset(self, request):
        return applications_visible_to(request.user)

    def has_view_permission(self, request, obj=None):
        return can(request.user, "certification.view_application", obj)

    @admin.display(description=gettext_lazy("申请编号"), ordering="pk")
    def reference(self, obj):
        return obj.reference

    @admin.display(description=gettext_lazy("状态"), ordering="state")
    def state_badge(self, obj):
        # Coloured by certification/admin.css: the Content-Security-Policy forbids style="".
        return format_html(
            '<span class="state-badge state-{}" data-state="{}">{}</span>',
            obj.state,
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
        may_review = review is not None and review_editable(user, review)
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
