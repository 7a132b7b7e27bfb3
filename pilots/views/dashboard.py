"""Dashboards: the province overview and one county's page, and the records behind
each number (a target's standards, products or enterprises; provincial tasks by status).

A county official reaches their own county only: any other county's pages are a 404.
"""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render

from accounts.roles import Role

from ..dashboard import county_dashboard, province_overview
from ..enums import Metric, TaskStatus
from ..progress import target_records
from ..selectors import pilot_counties_visible_to, pilot_county_for, provincial_tasks_visible_to

PAGE_SIZE = 50


@login_required
def overview(request):
    """Provincial administrators: every pilot county; a county official: their county."""
    user = request.user
    if user.has_role(Role.PROVINCIAL_ADMIN):
        return render(request, "pilots/overview.html", province_overview())
    county = pilot_counties_visible_to(user).first()
    if county is None:
        raise Http404
    return redirect("pilots:dashboard", county.division.code)


@login_required
def dashboard(request, code):
    county = pilot_county_for(request.user, code)
    return render(request, "pilots/dashboard.html", county_dashboard(county))


RECORD_TEMPLATES = {
    Metric.STANDARDS_PUBLISHED: "pilots/records_standards.html",
    Metric.PRODUCTS_CERTIFIED: "pilots/records_products.html",
    Metric.ENTERPRISES_CERTIFIED: "pilots/records_enterprises.html",
}
RECORD_RELATED = {
    Metric.STANDARDS_PUBLISHED: ((), ("categories",)),
    Metric.PRODUCTS_CERTIFIED: (("enterprise", "category"), ()),
    Metric.ENTERPRISES_CERTIFIED: ((), ()),
}


@login_required
def target_record_list(request, code, target_code):
    """The records a dashboard target counts: its number is the length of this list."""
    county = pilot_county_for(request.user, code)
    target = get_object_or_404(county.targets.select_related("sector"), code=target_code)
    target.county = county
    records = target_records(target)
    if records is None:
        raise Http404
    related, prefetched = RECORD_RELATED[target.metric]
    records = records.select_related(*related).prefetch_related(*prefetched).order_by("pk")
    page = Paginator(records, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        RECORD_TEMPLATES[target.metric],
        {"county": county, "target": target, "page_obj": page},
    )


@login_required
def provincial_tasks(request):
    """The provincial key tasks, filtered by status or overdue (provincial admins)."""
    tasks = provincial_tasks_visible_to(request.user)
    if not request.user.has_role(Role.PROVINCIAL_ADMIN):
        raise Http404
    status = request.GET.get("status")
    if status in TaskStatus.values:
        tasks = tasks.filter(status=status)
    overdue = bool(request.GET.get("overdue"))
    if overdue:
        tasks = tasks.overdue()
    tasks = list(tasks.order_by("number"))
    for task in tasks:
        task.overdue = task.is_overdue()
    return render(
        request,
        "pilots/provincial_tasks.html",
        {
            "tasks": tasks,
            "status": TaskStatus(status) if status in TaskStatus.values else None,
            "overdue": overdue,
        },
    )
