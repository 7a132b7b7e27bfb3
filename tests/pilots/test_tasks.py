"""Overdue tasks, and progress updates posted through the service."""

import datetime
import io
import zipfile
from pathlib import PurePosixPath

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from accounts.roles import Role
from pilots.enums import TaskStatus
from pilots.models import PilotTask, PilotTaskUpdate, ProvincialTask, ProvincialTaskUpdate
from pilots.services import pilot_task_post_update, provincial_task_post_update
from tests.factories import user_with_role
from tests.factories.images import JPEG_PREFIXED_HTML
from tests.factories.pilots import PilotTaskFactory, ProvincialTaskFactory, county_official

pytestmark = pytest.mark.django_db

D = datetime.date
TODAY = D(2023, 3, 15)


@pytest.mark.parametrize(
    ("deadline", "status", "overdue"),
    [
        (D(2023, 3, 14), TaskStatus.IN_PROGRESS, True),
        (D(2023, 3, 14), TaskStatus.NOT_STARTED, True),
        (D(2023, 3, 14), TaskStatus.DONE, False),
        (D(2023, 3, 15), TaskStatus.IN_PROGRESS, False),  # due today: not yet late
        (D(2023, 4, 1), TaskStatus.NOT_STARTED, False),
        (None, TaskStatus.NOT_STARTED, False),  # no fixed deadline
    ],
)
def test_pilot_task_overdue(deadline, status, overdue):
    progress = 100 if status == TaskStatus.DONE else 0
    task = PilotTaskFactory(deadline=deadline, status=status, progress=progress)
    assert task.is_overdue(TODAY) is overdue
    assert PilotTask.objects.overdue(TODAY).filter(pk=task.pk).exists() is overdue


def test_provincial_task_overdue_after_its_deadline_month(loaded):
    task = ProvincialTask.objects.get(number=1)  # 2021年12月
    assert not task.is_overdue(D(2021, 12, 31))
    assert task.is_overdue(D(2022, 1, 1))
    ongoing = ProvincialTask.objects.get(number=4)  # 持续推进
    assert not ongoing.is_overdue(D(2030, 1, 1))


def test_provincial_tasks_overdue_on_new_year_2022(loaded):
    overdue = ProvincialTask.objects.overdue(D(2022, 1, 1))
    assert sorted(overdue.values_list("number", flat=True)) == [1, 2, 3, 15]


def test_provincial_task_deadline_must_be_a_month_end():
    task = ProvincialTaskFactory.build(deadline=D(2022, 12, 15))
    with pytest.raises(ValidationError) as error:
        task.full_clean()
    assert "deadline" in error.value.message_dict


def test_post_update_by_county_official_moves_status_and_progress():
    task = PilotTaskFactory()
    official = county_official()
    update = pilot_task_post_update(task=task, user=official, text="已召开协调会。", progress=30)
    task.refresh_from_db()
    assert (task.status, task.progress) == (TaskStatus.IN_PROGRESS, 30)
    assert (update.author, update.text, update.progress) == (official, "已召开协调会。", 30)
    assert update.status == TaskStatus.IN_PROGRESS
    assert update.created_at is not None


def test_post_update_done_sets_full_progress():
    task = PilotTaskFactory(status=TaskStatus.IN_PROGRESS, progress=60)
    pilot_task_post_update(task=task, user=county_official(), text="已完成。", status="done")
    task.refresh_from_db()
    assert (task.status, task.progress) == (TaskStatus.DONE, 100)


def test_post_update_text_only_keeps_status_and_progress():
    task = PilotTaskFactory(status=TaskStatus.IN_PROGRESS, progress=60)
    update = pilot_task_post_update(task=task, user=county_official(), text="按计划推进。")
    task.refresh_from_db()
    assert (task.status, task.progress) == (TaskStatus.IN_PROGRESS, 60)
    assert (update.status, update.progress) == ("", None)


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"text": "  "}, "text"),
        ({"text": "完成", "status": "done", "progress": 80}, "progress"),
        ({"text": "未开始", "status": "not_started", "progress": 10}, "status"),
        ({"text": "超出", "progress": 101}, "progress"),
        ({"text": "状态", "status": "finished"}, "status"),
    ],
)
def test_post_update_inconsistent_values_are_refused_and_nothing_written(fields, field):
    task = PilotTaskFactory()
    with pytest.raises(ValidationError) as error:
        pilot_task_post_update(task=task, user=county_official(), **fields)
    assert field in error.value.message_dict
    task.refresh_from_db()
    assert (task.status, task.progress) == (TaskStatus.NOT_STARTED, 0)
    assert not PilotTaskUpdate.objects.exists()


def test_post_update_with_attachment_keeps_it_in_private_storage(settings):
    task = PilotTaskFactory()
    pdf = SimpleUploadedFile("会议纪要.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf")
    update = pilot_task_post_update(
        task=task, user=county_official(), text="附会议纪要。", attachment=pdf
    )
    assert update.attachment.name.endswith(".pdf")
    assert update.attachment.path.startswith(str(settings.PRIVATE_MEDIA_ROOT))
    with pytest.raises(ValueError):
        update.attachment.url  # noqa: B018 - private files have no public URL


def test_post_update_with_refused_attachment_writes_nothing():
    task = PilotTaskFactory()
    script = SimpleUploadedFile("run.exe", b"MZ")
    with pytest.raises(ValidationError) as error:
        pilot_task_post_update(
            task=task, user=county_official(), text="附件", progress=50, attachment=script
        )
    assert "attachment" in error.value.message_dict
    task.refresh_from_db()
    assert task.progress == 0
    assert not PilotTaskUpdate.objects.exists()


def _docx_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("report.pdf", b"MZ\x90\x00\x03\x00\x00\x00 an exe renamed"),
        ("photo.jpg", b"<html><script>alert(1)</script></html>"),
        ("chart.png", b'<svg xmlns="http://www.w3.org/2000/svg"><script>x()</script></svg>'),
        ("photo.jpg", JPEG_PREFIXED_HTML),
        ("minutes.docx", b"PK\x03\x04 a zip that is no Word file"),
    ],
)
def test_post_update_refuses_attachment_disguised_by_its_name(name, content):
    task = PilotTaskFactory()
    upload = SimpleUploadedFile(name, content)
    with pytest.raises(ValidationError) as error:
        pilot_task_post_update(task=task, user=county_official(), text="附件", attachment=upload)
    assert "文件类型不符" in error.value.message_dict["attachment"][0] or (
        "无法识别的图片" in error.value.message_dict["attachment"][0]
    )
    assert not PilotTaskUpdate.objects.exists()


def test_post_update_keeps_the_user_file_name_as_display_text_only():
    task = PilotTaskFactory()
    upload = SimpleUploadedFile("会议纪要<script>.pdf", _docx_bytes())
    update = pilot_task_post_update(
        task=task, user=county_official(), text="附纪要。", attachment=upload
    )
    assert update.attachment_name == "会议纪要<script>.pdf"
    assert update.attachment_display_name == "会议纪要<script>.pdf"
    stored = PurePosixPath(update.attachment.name)
    assert "会议纪要" not in stored.name and "script" not in stored.name
    assert stored.suffix == ".docx"  # the extension of the content, not of the name


def test_provincial_task_update_by_provincial_admin():
    task = ProvincialTaskFactory()
    admin = user_with_role(Role.PROVINCIAL_ADMIN)
    provincial_task_post_update(task=task, user=admin, text="研究中心已挂牌。", status="done")
    task.refresh_from_db()
    assert (task.status, task.progress) == (TaskStatus.DONE, 100)
    assert ProvincialTaskUpdate.objects.get(task=task).author == admin


def test_provincial_task_update_by_county_official_is_refused():
    task = ProvincialTaskFactory()
    with pytest.raises(PermissionDenied):
        provincial_task_post_update(task=task, user=county_official(), text="越权填报")
    assert not ProvincialTaskUpdate.objects.exists()
