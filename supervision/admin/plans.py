"""Spot-check plans in the admin: create (seed committed), draw, verify, close."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.rules import can
from brandportal.admin import ReadOnlyInline

from .. import draw, services
from ..enums import PlanStatus
from ..models import SpotCheck, SpotCheckPlan
from .base import RulesAdminMixin

PLAN_FIELDS = [
    "title",
    "county",
    "category",
    "standard",
    "enterprise_count",
    "inspectors_per_check",
]
RECORD_FIELDS = [
    "status",
    "seed_hash",
    "revealed_seed",
    "pool_hash",
    "created_by",
    "created_at",
    "drawn_by",
    "drawn_at",
    "closed_at",
]


class SpotCheckInline(ReadOnlyInline):
    model = SpotCheck
    fields = ["position", "enterprise_link", "result", "checked_on", "rectification_deadline"]
    view_permission = "supervision.view_spotcheck"
    show_change_link = True

    @admin.display(description=gettext_lazy("企业"))
    def enterprise_link(self, obj):
        return obj.enterprise.name


@admin.register(SpotCheckPlan)
class SpotCheckPlanAdmin(RulesAdminMixin, admin.ModelAdmin):
    list_display = ["title", "county", "category", "enterprise_count", "status", "drawn_at"]
    list_filter = ["status", "county"]
    search_fields = ["title"]
    inlines = [SpotCheckInline]
    change_form_template = "supervision/admin/plan_change_form.html"

    def get_fields(self, request, obj=None):
        return PLAN_FIELDS if obj is None else PLAN_FIELDS + RECORD_FIELDS

    def get_readonly_fields(self, request, obj=None):
        # The plan's scope and sizes are part of what the seed commits to: frozen.
        return [] if obj is None else PLAN_FIELDS + RECORD_FIELDS

    def get_inlines(self, request, obj):
        return [] if obj is None else self.inlines

    def has_change_permission(self, request, obj=None):
        # A created plan is never edited: it changes only through its buttons.
        return obj is None and super().has_change_permission(request, obj)

    @admin.display(description=gettext_lazy("随机种子（抽取时公开）"))
    def revealed_seed(self, obj):
        return obj.revealed_seed or _("（未公开）")

    def save_model(self, request, obj, form, change):
        if change:
            raise PermissionDenied
        created = services.plan_create(
            user=request.user, **{name: form.cleaned_data.get(name) for name in PLAN_FIELDS}
        )
        obj.pk = created.pk

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path("<int:object_id>/draw/", wrap(self.draw_view), name="supervision_plan_draw"),
            path("<int:object_id>/close/", wrap(self.close_view), name="supervision_plan_close"),
            path("<int:object_id>/verify/", wrap(self.verify_view), name="supervision_plan_verify"),
            *super().get_urls(),
        ]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        plan = self.get_object(request, object_id)
        extra = dict(extra_context or {})
        if plan is not None:
            extra.update(
                may_draw=plan.status == PlanStatus.PLANNED
                and can(request.user, "supervision.draw_spotcheckplan", plan),
                may_close=plan.status == PlanStatus.DRAWN
                and can(request.user, "supervision.close_spotcheckplan", plan),
                drawn=plan.status != PlanStatus.PLANNED,
                pool_preview=self._pool_preview(plan),
                public_url=reverse("supervision:plan_detail", args=[plan.pk])
                if plan.status == PlanStatus.CLOSED
                else "",
            )
        return super().change_view(request, object_id, form_url, extra_context=extra)

    def _pool_preview(self, plan):
        """Before the draw: the pool as it stands now, and whether a draw could be made."""
        if plan.status != PlanStatus.PLANNED:
            return None
        pool = services.plan_pool(plan)
        try:
            draw.check_feasible(pool, plan.enterprise_count, plan.inspectors_per_check)
        except draw.DrawError as error:
            problem = str(error)
        else:
            problem = ""
        return {
            "enterprises": len(pool["enterprises"]),
            "inspectors": len(pool["inspectors"]),
            "problem": problem,
        }

    def _act(self, request, object_id, service, done_message):
        if request.method != "POST":
            raise Http404
        plan = get_object_or_404(self.get_queryset(request), pk=object_id)
        try:
            service(plan=plan, user=request.user)
        except services.ActionRefused as error:
            for reason in error.reasons:
                messages.error(request, reason)
        except PermissionDenied:
            messages.error(request, _("您无权执行此操作。"))
        else:
            messages.success(request, done_message)
        return HttpResponseRedirect(
            reverse("admin:supervision_spotcheckplan_change", args=[plan.pk])
        )

    def draw_view(self, request, object_id):
        return self._act(request, object_id, services.plan_draw, _("已完成抽取，随机种子已公开。"))

    def close_view(self, request, object_id):
        return self._act(request, object_id, services.plan_close, _("计划已结束，结果已公开。"))

    def verify_view(self, request, object_id):
        if request.method != "POST":
            raise Http404
        plan = get_object_or_404(self.get_queryset(request), pk=object_id)
        verification = services.plan_verify(plan)
        if verification.matches:
            messages.success(request, _("核验通过：按抽取池和种子重新抽取，结果与记录一致。"))
        else:
            for problem in verification.problems:
                messages.error(request, format_html("{}：{}", _("核验不通过"), problem))
        return HttpResponseRedirect(
            reverse("admin:supervision_spotcheckplan_change", args=[plan.pk])
        )
