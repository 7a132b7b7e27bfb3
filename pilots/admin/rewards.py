"""Reward payouts in the admin: read only. They are created by the reward tasks and
moved by the services on the county's payout pages (approve, pay, reject)."""

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from enterprises.admin import RulesAdminMixin

from ..models import RewardPayout
from ..selectors import payouts_visible_to


@admin.register(RewardPayout)
class RewardPayoutAdmin(RulesAdminMixin, admin.ModelAdmin):
    list_display = [
        "number",
        "county",
        "beneficiary_name",
        "rule",
        "amount",
        "state",
        "created_at",
        "paid_on",
        "page_link",
    ]
    list_filter = [("county", admin.RelatedOnlyFieldListFilter), "state", "rule__kind"]
    search_fields = ["beneficiary_name", "enterprise__credit_code", "standard__code"]
    date_hierarchy = "created_at"

    def get_queryset(self, request):
        return payouts_visible_to(request.user)

    def get_readonly_fields(self, request, obj=None):
        return [field.name for field in self.model._meta.fields]

    @admin.display(description=_("编号"))
    def number(self, payout):
        return payout.number

    @admin.display(description=_("办理"))
    def page_link(self, payout):
        url = reverse("pilots:payout_detail", args=[payout.county.division.code, payout.pk])
        return format_html('<a href="{}">{}</a>', url, _("审核与支付"))
