"""A county's reward payouts: the list, one payout with its actions, the notice PDF and
the Excel list for the finance bureau. Payouts are created by the reward tasks only."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count, Sum
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.rules import can

from ..enums import PayoutState
from ..excel import XLSX_CONTENT_TYPE, payouts_xlsx
from ..forms import PayoutPaymentForm, PayoutRejectionForm
from ..notice import render_notice_pdf
from ..rewards import PayoutRefused, payout_approve, payout_pay, payout_reject
from ..selectors import payouts_visible_to, pilot_county_for

NOTICE_STATES = (PayoutState.APPROVED, PayoutState.PAID)


def _payouts(request, county):
    payouts = payouts_visible_to(request.user).filter(county=county)
    state = request.GET.get("state")
    if state in PayoutState.values:
        payouts = payouts.filter(state=state)
    return payouts, state if state in PayoutState.values else None


@login_required
def payout_list(request, code):
    county = pilot_county_for(request.user, code)
    payouts, state = _payouts(request, county)
    totals = {
        row["state"]: row
        for row in payouts_visible_to(request.user)
        .filter(county=county)
        .order_by()
        .values("state")
        .annotate(n=Count("pk"), amount=Sum("amount"))
    }
    summary = [
        (value, label, totals.get(value, {}).get("n", 0), totals.get(value, {}).get("amount"))
        for value, label in PayoutState.choices
    ]
    return render(
        request,
        "pilots/payout_list.html",
        {"county": county, "payouts": payouts, "state": state, "summary": summary},
    )


@login_required
def payout_detail(request, code, pk):
    county = pilot_county_for(request.user, code)
    payout = get_object_or_404(payouts_visible_to(request.user).filter(county=county), pk=pk)
    user = request.user
    return render(
        request,
        "pilots/payout_detail.html",
        {
            "county": county,
            "payout": payout,
            "may_approve": can(user, "pilots.approve_rewardpayout", payout),
            "may_pay": can(user, "pilots.pay_rewardpayout", payout),
            "may_reject": can(user, "pilots.reject_rewardpayout", payout),
            "payment_form": PayoutPaymentForm(),
            "rejection_form": PayoutRejectionForm(),
            "has_notice": payout.state in NOTICE_STATES,
        },
    )


@login_required
@require_POST
def payout_action(request, code, pk, action):
    county = pilot_county_for(request.user, code)
    payout = get_object_or_404(payouts_visible_to(request.user).filter(county=county), pk=pk)
    try:
        if action == "approve":
            payout_approve(payout=payout, user=request.user)
            messages.success(request, _("奖励已审核通过。"))
        elif action == "pay":
            form = PayoutPaymentForm(request.POST)
            if not form.is_valid():
                raise ValidationError([e for errors in form.errors.values() for e in errors])
            payout_pay(payout=payout, user=request.user, **form.cleaned_data)
            messages.success(request, _("支付信息已登记。"))
        elif action == "reject":
            payout_reject(payout=payout, user=request.user, reason=request.POST.get("reason"))
            messages.success(request, _("已登记不予发放。"))
        else:
            raise Http404
    except PayoutRefused as refusal:
        messages.warning(request, refusal.message)
    except ValidationError as error:
        messages.error(request, "；".join(error.messages))
    return redirect("pilots:payout_detail", code, payout.pk)


@login_required
def payout_notice(request, code, pk):
    county = pilot_county_for(request.user, code)
    payouts = payouts_visible_to(request.user).filter(county=county, state__in=NOTICE_STATES)
    payout = get_object_or_404(payouts, pk=pk)
    response = HttpResponse(render_notice_pdf(payout), content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(
        True, f"奖励发放通知书-{payout.number}.pdf"
    )
    return response


@login_required
def payout_export(request, code):
    """The county's payouts (as filtered on the list) for the finance bureau."""
    county = pilot_county_for(request.user, code)
    payouts, _state = _payouts(request, county)
    content = payouts_xlsx(county, payouts.order_by("created_at", "pk"))
    response = HttpResponse(content, content_type=XLSX_CONTENT_TYPE)
    filename = f"{county.name}奖励发放清单-{timezone.localdate():%Y%m%d}.xlsx"
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response
