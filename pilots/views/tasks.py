"""A county's task pages: the table by status, one task with its updates, the Excel file."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _

from accounts.rules import can

from ..enums import TaskStatus
from ..excel import XLSX_CONTENT_TYPE, task_table_xlsx
from ..forms import TaskUpdateForm
from ..selectors import pilot_county_for, pilot_tasks_visible_to
from ..services import pilot_task_post_update


@login_required
def task_list(request, code):
    county = pilot_county_for(request.user, code)
    tasks = county.tasks.in_document_order().prefetch_related("responsible_units")
    status = request.GET.get("status")
    if status in TaskStatus.values:
        tasks = tasks.filter(status=status)
    overdue = bool(request.GET.get("overdue"))
    if overdue:
        tasks = tasks.overdue()
    tasks = list(tasks)
    for task in tasks:
        task.county = county
        task.overdue = task.is_overdue()
    return render(
        request,
        "pilots/task_list.html",
        {
            "county": county,
            "tasks": tasks,
            "status": TaskStatus(status) if status in TaskStatus.values else None,
            "overdue": overdue,
            "status_choices": TaskStatus.choices,
        },
    )


@login_required
def task_detail(request, code, pk):
    """A task with its dated updates; POST reports progress (its county's officials)."""
    county = pilot_county_for(request.user, code)
    task = get_object_or_404(pilot_tasks_visible_to(request.user).filter(county=county), pk=pk)
    may_post = can(request.user, "pilots.post_update_pilottask", task)
    form = TaskUpdateForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        if not may_post:
            raise PermissionDenied
        if form.is_valid():
            data = form.cleaned_data
            try:
                pilot_task_post_update(
                    task=task,
                    user=request.user,
                    text=data["text"],
                    status=data["status"] or None,
                    progress=data["progress"],
                    attachment=data["attachment"],
                )
            except ValidationError as error:
                for field, errors in error.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                messages.success(request, _("进展已填报。"))
                return redirect("pilots:task_detail", code, task.pk)
    updates = task.updates.select_related("author")
    return render(
        request,
        "pilots/task_detail.html",
        {
            "county": county,
            "task": task,
            "overdue": task.is_overdue(),
            "updates": updates,
            "form": form if may_post else None,
        },
    )


@login_required
def task_export(request, code):
    """The county's task table as .xlsx: imports back in the admin unchanged."""
    county = pilot_county_for(request.user, code)
    content = task_table_xlsx(county)
    filename = f"{county.name}任务表-{timezone.localdate():%Y%m%d}.xlsx"
    response = HttpResponse(content, content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response
