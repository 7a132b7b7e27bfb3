"""The task table to Excel and back: Chinese headers, a lossless round trip, and files
with errors refused whole with a report per row."""

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from accounts.roles import Role
from pilots.models import PilotTask
from pilots.resources import COLUMNS, import_task_table
from tests.factories import county, user_with_role
from tests.factories.pilots import PilotCountyFactory, PilotTaskFactory, county_official

pytestmark = pytest.mark.django_db


def _snapshot():
    """Every task with the fields the table carries, units by name."""
    return {
        (task.county.division.code, task.kind, task.number): (
            task.title,
            task.content,
            task.lead_units_text,
            task.responsible_units_text,
            task.deadline,
            task.status,
            task.progress,
            sorted(unit.name for unit in task.lead_units.all()),
            sorted(unit.name for unit in task.responsible_units.all()),
        )
        for task in PilotTask.objects.select_related("county__division").prefetch_related(
            "lead_units", "responsible_units"
        )
    }


def _download(client, code="360734") -> bytes:
    client.force_login(county_official(code))
    response = client.get(reverse("pilots:task_export", args=[code]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "attachment" in response["Content-Disposition"]
    return response.content


def _edit(content: bytes, edits: dict) -> bytes:
    """Set cells by (row number, header) in the first sheet; row 2 is the first task."""
    workbook = load_workbook(io.BytesIO(content))
    sheet = workbook.active
    headers = [cell.value for cell in sheet[1]]
    for (row, header), value in edits.items():
        sheet.cell(row=row, column=headers.index(header) + 1, value=value)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _without_column(content: bytes, header: str) -> bytes:
    workbook = load_workbook(io.BytesIO(content))
    sheet = workbook.active
    headers = [cell.value for cell in sheet[1]]
    sheet.delete_cols(headers.index(header) + 1)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_export_has_chinese_headers_and_only_the_countys_tasks(client, loaded):
    PilotTaskFactory(county=PilotCountyFactory(division=county("360781")))
    sheet = load_workbook(io.BytesIO(_download(client))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == list(COLUMNS.values())
    assert len(rows) - 1 == loaded.tasks.count() == 13
    assert {row[1] for row in rows[1:]} == {"360734"}
    first = rows[1]
    assert first[2] == "主要任务" and first[3] == 1
    assert first[6] == "县农业农村局、县市场监督管理局"
    assert first[11] == "未开始"


def test_exported_file_imports_back_unchanged(client, loaded):
    task = loaded.tasks.get(kind="breakdown", number=5)
    task.deadline = datetime.date(2023, 10, 31)
    task.save(update_fields=["deadline"])
    before = _snapshot()
    report = import_task_table(_download(client))
    assert report.ok, (report.file_errors, report.row_errors)
    assert (report.created, report.updated, report.unchanged) == (0, 0, 13)
    assert _snapshot() == before


def test_exported_file_recreates_deleted_tasks_identically(client, loaded):
    content = _download(client)
    before = _snapshot()
    loaded.tasks.all().delete()
    report = import_task_table(content)
    assert report.ok, (report.file_errors, report.row_errors)
    assert report.created == 13
    assert _snapshot() == before


def test_edited_row_updates_its_task(client, loaded):
    content = _edit(
        _download(client),
        {(12, "工作内容"): "拟定重点培育产品清单（修订）", (12, "完成时限"): "2023/06/30"},
    )
    report = import_task_table(content)
    assert report.ok, report.row_errors
    assert (report.updated, report.unchanged) == (1, 12)
    task = loaded.tasks.get(kind="breakdown", number=8)
    assert task.content == "拟定重点培育产品清单（修订）"
    assert task.deadline == datetime.date(2023, 6, 30)


def test_status_and_progress_are_not_imported(client, loaded):
    content = _edit(_download(client), {(2, "状态"): "已完成", (2, "进度（%）"): 100})
    report = import_task_table(content)
    assert report.ok
    assert set(loaded.tasks.values_list("status", flat=True)) == {"not_started"}


def test_unknown_unit_refuses_the_whole_file_with_the_row(client, loaded):
    before = _snapshot()
    content = _edit(
        _download(client),
        {(3, "工作内容"): "这一行本身没有错误", (5, "责任单位"): "县市场监督管理局、县不存在局"},
    )
    report = import_task_table(content)
    assert not report.ok
    assert [number for number, _messages in report.row_errors] == [4]
    assert "未知单位：县不存在局" in " ".join(report.row_errors[0][1])
    assert _snapshot() == before


def test_bad_date_refuses_the_whole_file_with_the_row(client, loaded):
    before = _snapshot()
    content = _edit(_download(client), {(2, "完成时限"): "明年春天", (6, "完成时限"): "2023-13-45"})
    report = import_task_table(content)
    assert not report.ok
    assert [number for number, _messages in report.row_errors] == [1, 5]
    assert "完成时限“明年春天”不是有效日期" in " ".join(report.row_errors[0][1])
    assert _snapshot() == before


def test_missing_column_refuses_the_file(client, loaded):
    before = _snapshot()
    report = import_task_table(_without_column(_download(client), "工作内容"))
    assert not report.ok
    assert report.file_errors == ["缺少列：工作内容"]
    assert _snapshot() == before


def test_not_an_excel_file_is_refused(loaded):
    report = import_task_table(b"not a spreadsheet")
    assert not report.ok
    assert report.file_errors


def test_provincial_admin_imports_the_table_in_the_admin(client, loaded):
    content = _edit(_download(client), {(12, "工作内容"): "后台导入修改"})
    client.force_login(user_with_role(Role.PROVINCIAL_ADMIN, is_staff=True))
    response = client.post(
        reverse("admin:pilots_pilottask_import"),
        {
            "format": "0",
            "resource": "0",
            "import_file": SimpleUploadedFile("tasks.xlsx", content),
        },
    )
    assert response.status_code == 200
    assert "confirm_form" in response.context
    confirm = response.context["confirm_form"]
    data = {name: confirm.initial.get(name, f.initial) for name, f in confirm.fields.items()}
    response = client.post(reverse("admin:pilots_pilottask_process_import"), data)
    assert response.status_code == 302
    assert loaded.tasks.get(kind="breakdown", number=8).content == "后台导入修改"


def test_admin_import_with_an_error_offers_no_confirmation(client, loaded):
    content = _edit(_download(client), {(5, "责任单位"): "县不存在局"})
    client.force_login(user_with_role(Role.PROVINCIAL_ADMIN, is_staff=True))
    response = client.post(
        reverse("admin:pilots_pilottask_import"),
        {"format": "0", "resource": "0", "import_file": SimpleUploadedFile("t.xlsx", content)},
    )
    assert response.status_code == 200
    assert "confirm_form" not in response.context
    assert "未知单位：县不存在局" in response.content.decode()


def test_county_official_may_export_but_not_import_in_the_admin(client, loaded):
    client.force_login(county_official(is_staff=True))
    assert client.get(reverse("admin:pilots_pilottask_import")).status_code == 403
    response = client.get(reverse("admin:pilots_pilottask_changelist"))
    assert response.status_code == 200
