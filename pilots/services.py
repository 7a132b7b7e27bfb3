"""Writes on task tables: progress updates that move a task's status and progress."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from accounts.rules import can

from .enums import TaskStatus
from .models import PilotTask, PilotTaskUpdate, ProvincialTask, ProvincialTaskUpdate


def check_update_values(task, status, progress):
    """The status and progress an update will set, derived and checked against the task.

    A done task is at 100% (given no progress, "done" sets it); progress on a task not
    started moves it to in progress. Raises ValidationError for inconsistent values.
    """
    if status is not None and status not in TaskStatus.values:
        raise ValidationError({"status": _("无效的状态。")})
    if progress is not None and not (isinstance(progress, int) and 0 <= progress <= 100):
        raise ValidationError({"progress": _("进度应为 0 到 100 之间的整数。")})
    if status == TaskStatus.DONE and progress is None:
        progress = 100
    if status is None and progress and task.status == TaskStatus.NOT_STARTED:
        status = TaskStatus.IN_PROGRESS
    new_status = status or task.status
    new_progress = task.progress if progress is None else progress
    if new_status == TaskStatus.DONE and new_progress != 100:
        raise ValidationError({"progress": _("已完成的任务进度应为 100%。")})
    if new_status == TaskStatus.NOT_STARTED and new_progress != 0:
        raise ValidationError({"status": _("已有进度的任务不能是“未开始”状态。")})
    return status, progress


def _post_update(*, task, update_model, user, text, progress, status, attachment):
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": _("请填写进展情况。")})
    status, progress = check_update_values(task, status, progress)
    update = update_model(
        task=task,
        author=user,
        text=text,
        status=status or "",
        progress=progress,
        attachment=attachment or "",
        # The user's file name is kept as display text, never as the stored name.
        attachment_name=(getattr(attachment, "name", "") or "")[:255],
    )
    update.full_clean()
    with transaction.atomic():
        locked = type(task).objects.select_for_update().get(pk=task.pk)
        # Checked again under the lock: a concurrent update may have moved the task.
        status, progress = check_update_values(locked, status, progress)
        changed = []
        if status and status != locked.status:
            locked.status = status
            changed.append("status")
        if progress is not None and progress != locked.progress:
            locked.progress = progress
            changed.append("progress")
        if changed:
            locked.save(update_fields=changed)
        update.task = locked
        update.save()
    task.status, task.progress = locked.status, locked.progress
    return update


def pilot_task_post_update(
    *, task: PilotTask, user, text: str, progress=None, status=None, attachment=None
) -> PilotTaskUpdate:
    """Record a dated progress report on a county task, moving its status and progress.

    Raises PermissionDenied unless the user is a provincial administrator or an official
    of the task's county; ValidationError for empty text or inconsistent values (a done
    task is at 100%, a task with progress has started).
    """
    if not can(user, "pilots.post_update_pilottask", task):
        raise PermissionDenied
    return _post_update(
        task=task,
        update_model=PilotTaskUpdate,
        user=user,
        text=text,
        progress=progress,
        status=status,
        attachment=attachment,
    )


def provincial_task_post_update(
    *, task: ProvincialTask, user, text: str, progress=None, status=None, attachment=None
) -> ProvincialTaskUpdate:
    """Record a progress report on a provincial key task (provincial administrators)."""
    if not can(user, "pilots.post_update_provincialtask", task):
        raise PermissionDenied
    return _post_update(
        task=task,
        update_model=ProvincialTaskUpdate,
        user=user,
        text=text,
        progress=progress,
        status=status,
        attachment=attachment,
    )
