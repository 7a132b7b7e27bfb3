"""Public pages (一公开: closed plans, confirmed cases, the report form) and the pages
enterprises, reviewers and supervisors use outside the admin."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.rules import can
from certificates.models import Certificate
from certification.selectors import applications_visible_to
from certification.services import TransitionError

from . import draw, selectors, services
from .forms import CaseReportForm, CitationForm
from .models import SpotCheckPlan
from .throttling import report_throttled


def plan_list(request):
    """Every plan's seed commitment (published before its draw) and closed plans' results."""
    plans = SpotCheckPlan.objects.select_related("county", "category", "standard").order_by(
        "-created_at", "-pk"
    )
    page = Paginator(plans, 20).get_page(request.GET.get("page"))
    return render(request, "supervision/plan_list.html", {"page": page})


def _closed_plan(pk):
    return get_object_or_404(selectors.public_plans(), pk=pk)


def plan_detail(request, pk):
    plan = _closed_plan(pk)
    return render(
        request,
        "supervision/plan_detail.html",
        {
            "plan": plan,
            "checks": selectors.public_plan_checks(plan),
            "algorithm": draw.ALGORITHM,
        },
    )


def plan_draw_record(request, pk):
    """What anyone needs to re-run the draw: the pool, the seed and the result."""
    plan = _closed_plan(pk)
    record = {
        "plan": plan.pk,
        "title": plan.title,
        "algorithm": draw.ALGORITHM,
        "enterprise_count": plan.enterprise_count,
        "inspectors_per_check": plan.inspectors_per_check,
        "seed_sha256": plan.seed_hash,
        "seed": plan.revealed_seed,
        "pool_sha256": plan.pool_hash,
        "pool": plan.pool,
        "result": plan.result,
    }
    return JsonResponse(record, json_dumps_params={"ensure_ascii": False, "indent": 2})


def sanction_list(request):
    page = Paginator(selectors.public_sanctions(), 20).get_page(request.GET.get("page"))
    return render(request, "supervision/sanction_list.html", {"page": page})


def case_list(request):
    query = request.GET.get("q", "")
    page = Paginator(selectors.public_cases(query), 20).get_page(request.GET.get("page"))
    return render(request, "supervision/case_list.html", {"page": page, "query": query})


def case_report(request):
    """The public form to report an infringement of the brand; no login, rate-limited."""
    form = CaseReportForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        wait = report_throttled(request)
        if wait is not None:
            response = render(request, "supervision/too_many.html", {"wait": wait}, status=429)
            response["Retry-After"] = str(wait)
            return response
        if form.is_valid():
            try:
                case = services.case_report(**form.cleaned_data)
            except ValidationError as error:
                for field, errors in error.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                return render(request, "supervision/case_report_thanks.html", {"case": case})
    status = 400 if request.method == "POST" else 200
    return render(request, "supervision/case_report.html", {"form": form}, status=status)


@login_required
def surveillance_due(request):
    """Audits due within 30 days or overdue, for the user's body, enterprise or (officials)
    all; supervisors may suspend a certificate whose audit is overdue."""
    user = request.user
    may_suspend = can(user, "supervision.suspend_for_surveillance")
    due = selectors.surveillance_due(user)
    if not due and not (
        may_suspend or can(user, "supervision.add_surveillanceaudit") or user.enterprise_id
    ):
        raise Http404
    return render(
        request,
        "supervision/surveillance_due.html",
        {"due": due, "may_suspend": may_suspend},
    )


@login_required
@require_POST
def surveillance_suspend(request, number):
    certificate = get_object_or_404(Certificate, number=number)
    try:
        services.surveillance_suspend(
            certificate=certificate, user=request.user, reason_text=request.POST.get("reason", "")
        )
    except PermissionDenied:
        raise Http404 from None
    except (services.ActionRefused, TransitionError) as error:
        for reason in error.reasons:
            messages.error(request, reason)
    else:
        messages.success(request, _("已暂停证书 %(number)s。") % {"number": certificate.number})
    return redirect("supervision:surveillance_due")


@login_required
def citation_add(request, application_pk):
    """The enterprise cites a recognised brand's certificate on its application."""
    application = get_object_or_404(applications_visible_to(request.user), pk=application_pk)
    if not can(request.user, "certification.change_application", application):
        raise Http404
    form = CitationForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.citation_add(
                application=application,
                user=request.user,
                brand=data["brand"],
                number=data["number"],
                valid_until=data["valid_until"],
                upload=data.get("file"),
            )
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(request, _("已添加互认证书，评价机构审核时将核实。"))
            return redirect("supervision:citation_add", application.pk)
    citations = application.recognised_citations.select_related("brand")
    return render(
        request,
        "supervision/citation_form.html",
        {"form": form, "application": application, "citations": citations},
        status=400 if request.method == "POST" else 200,
    )
