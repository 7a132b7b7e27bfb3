"""Admin of government units and pilot counties with their parts."""

from django.contrib import admin
from django.forms.models import BaseInlineFormSet
from django.utils.translation import gettext_lazy as _

from enterprises.admin import RulesAdminMixin

from ..models import GovernmentUnit, LeadershipMember, Phase, PilotCounty, RewardRule, Target
from ..models.county import overlap_error
from ..selectors import pilot_counties_visible_to
from .base import RulesInlineMixin


@admin.register(GovernmentUnit)
class GovernmentUnitAdmin(RulesAdminMixin, admin.ModelAdmin):
    list_display = ["name", "division", "is_collective"]
    list_filter = ["is_collective", "division"]
    search_fields = ["name"]
    autocomplete_fields = ["division"]


class MemberInline(RulesInlineMixin, admin.TabularInline):
    model = LeadershipMember
    fields = ["order", "name", "role", "position", "also_office_director"]
    extra = 0


class PhaseFormSet(BaseInlineFormSet):
    """Refuse phases that overlap each other within the submitted set."""

    def clean(self):
        super().clean()
        kept = [
            form
            for form in self.forms
            if form.cleaned_data
            and not form.cleaned_data.get("DELETE")
            and form.cleaned_data.get("start")
        ]
        for i, form in enumerate(kept):
            for other in kept[i + 1 :]:
                a, b = form.instance, other.instance
                if a.overlaps(b.start, b.end):
                    raise overlap_error(a, b)


class PhaseInline(RulesInlineMixin, admin.TabularInline):
    model = Phase
    formset = PhaseFormSet
    fields = ["order", "name", "start", "end", "period_text", "description"]
    extra = 0


class TargetInline(RulesInlineMixin, admin.TabularInline):
    model = Target
    fields = [
        "order",
        "code",
        "metric",
        "sector",
        "standard_type",
        "minimum",
        "maximum",
        "text",
        "current",
    ]
    readonly_fields = ["current"]
    extra = 0

    @admin.display(description=_("当前完成数（按系统记录统计）"))
    def current(self, target):
        return target.current_value() if target.pk else "—"


class RewardRuleInline(RulesInlineMixin, admin.TabularInline):
    model = RewardRule
    fields = ["kind", "amount", "payer", "is_one_time", "text"]
    extra = 0


@admin.register(PilotCounty)
class PilotCountyAdmin(RulesAdminMixin, admin.ModelAdmin):
    list_display = ["division", "plan_title", "approval_date", "office_unit"]
    search_fields = ["division__name", "division__code", "plan_title"]
    autocomplete_fields = ["division", "office_unit"]
    inlines = [MemberInline, PhaseInline, TargetInline, RewardRuleInline]

    def get_queryset(self, request):
        return pilot_counties_visible_to(request.user)
