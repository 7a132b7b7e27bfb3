"""The county task table to and from Excel (django-import-export), with Chinese headers.

A row is matched to a task by 区划代码, 类别 and 序号, so a re-import updates rather than
duplicates, and a file exported here imports back with every row unchanged. Units are
written by name and looked up among the county's own units; an unknown name is an error
of that row. Status and progress are exported for reading but never imported: they move
only through dated updates (`services.pilot_task_post_update`).

`import_task_table` imports a whole file or nothing: a missing column, an unknown unit
or a bad date in any row leaves the database untouched and reports every row's errors.
"""

import datetime
from dataclasses import dataclass, field

import tablib
from django.utils.translation import gettext as _
from import_export import fields, resources, widgets

from standards.resources import ChoiceLabelWidget

from .enums import PilotTaskKind, TaskStatus
from .loading import split_units
from .models import GovernmentUnit, PilotCounty, PilotTask

COLUMNS = {
    "county_name": "试点县",
    "county": "区划代码",
    "kind": "类别",
    "number": "序号",
    "title": "标题",
    "content": "工作内容",
    "lead_units": "牵头单位",
    "lead_units_text": "牵头单位（文件原文）",
    "responsible_units": "责任单位",
    "responsible_units_text": "责任单位（文件原文）",
    "deadline": "完成时限",
    "status": "状态",
    "progress": "进度（%）",
}
READ_ONLY = ("county_name", "status", "progress")
REQUIRED_COLUMNS = [name for key, name in COLUMNS.items() if key not in READ_ONLY]


class CountyWidget(widgets.ForeignKeyWidget):
    def __init__(self, **kwargs):
        super().__init__(PilotCounty, field="division__code", **kwargs)

    def clean(self, value, row=None, **kwargs):
        code = str(value or "").strip()
        if not code:
            raise ValueError(_("缺少区划代码。"))
        county = PilotCounty.objects.filter(division__code=code).first()
        if county is None:
            raise ValueError(_("区划代码“%(code)s”不是试点县。") % {"code": code})
        return county


class UnitsWidget(widgets.ManyToManyWidget):
    """Units by name, joined with 、, looked up among the row's county's units."""

    def __init__(self, **kwargs):
        super().__init__(GovernmentUnit, separator="、", field="name", **kwargs)

    def clean(self, value, row=None, **kwargs):
        names = split_units(str(value or ""))
        code = str((row or {}).get(COLUMNS["county"]) or "").strip()
        units = {u.name: u for u in GovernmentUnit.objects.filter(division__code=code)}
        unknown = [name for name in names if name not in units]
        if unknown:
            raise ValueError(_("未知单位：%(names)s") % {"names": "、".join(unknown)})
        return GovernmentUnit.objects.filter(pk__in=[units[name].pk for name in names])


class DeadlineWidget(widgets.DateWidget):
    """A date cell, or a 2023-10-31 / 2023/10/31 text; empty means no fixed deadline."""

    FORMATS = ("%Y-%m-%d", "%Y/%m/%d", "%Y年%m月%d日")

    def __init__(self):
        super().__init__(coerce_to_string=False)
        self.formats = self.FORMATS

    def clean(self, value, row=None, **kwargs):
        if isinstance(value, datetime.datetime):
            return value.date()
        if isinstance(value, str):
            value = value.strip()
        try:
            return super().clean(value, row, **kwargs)
        except ValueError:
            raise ValueError(
                _("完成时限“%(value)s”不是有效日期，应写作 2023-10-31。") % {"value": value}
            ) from None


class NumberWidget(widgets.IntegerWidget):
    def __init__(self):
        super().__init__(coerce_to_string=False)

    def clean(self, value, row=None, **kwargs):
        try:
            number = super().clean(value, row, **kwargs)
        except (ValueError, ArithmeticError):
            number = None
        if number is None or number < 1:
            raise ValueError(_("序号“%(value)s”应为正整数。") % {"value": value})
        return number


def _field(name, widget=None, **kwargs):
    attribute = kwargs.pop("attribute", name)
    return fields.Field(
        attribute=attribute, column_name=COLUMNS[name], widget=widget or widgets.Widget(), **kwargs
    )


class PilotTaskResource(resources.ModelResource):
    county_name = _field("county_name", attribute="county__division__name", readonly=True)
    county = _field("county", CountyWidget())
    kind = _field("kind", ChoiceLabelWidget(PilotTaskKind))
    number = _field("number", NumberWidget())
    title = _field("title", default="")
    content = _field("content", default="")
    lead_units = _field("lead_units", UnitsWidget())
    lead_units_text = _field("lead_units_text", default="")
    responsible_units = _field("responsible_units", UnitsWidget())
    responsible_units_text = _field("responsible_units_text", default="")
    deadline = _field("deadline", DeadlineWidget())
    status = _field("status", ChoiceLabelWidget(TaskStatus), readonly=True)
    progress = _field("progress", widgets.IntegerWidget(coerce_to_string=False), readonly=True)

    class Meta:
        model = PilotTask
        fields = list(COLUMNS)
        export_order = list(COLUMNS)
        import_id_fields = ["county", "kind", "number"]
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = True
        use_transactions = True

    def before_import(self, dataset, **kwargs):
        missing = [name for name in REQUIRED_COLUMNS if name not in (dataset.headers or [])]
        if missing:
            raise ValueError(_("缺少列：%(columns)s") % {"columns": "、".join(missing)})
        super().before_import(dataset, **kwargs)

    def get_export_queryset(self, request=None, **kwargs):
        return super().get_export_queryset(request, **kwargs).select_related("county__division")

    def filter_export(self, queryset, **kwargs):
        return queryset.select_related("county__division").prefetch_related(
            "lead_units", "responsible_units"
        )


@dataclass
class ImportReport:
    """What importing a file did, or why nothing was imported."""

    ok: bool
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    file_errors: list = field(default_factory=list)
    row_errors: list = field(default_factory=list)  # (row number, [messages])


def _row_messages(result) -> list:
    rows = {}
    for number, errors in result.row_errors():
        rows.setdefault(number, []).extend(str(error.error) for error in errors)
    for invalid in result.invalid_rows:
        messages = [
            f"{COLUMNS.get(name, name)}：{message}"
            for name, field_messages in invalid.error_dict.items()
            for message in field_messages
        ]
        rows.setdefault(invalid.number, []).extend(messages)
    return sorted(rows.items())


def import_task_table(content: bytes) -> ImportReport:
    """Import an .xlsx task table: every row or, on any error, none of them."""
    try:
        dataset = tablib.Dataset().load(content, format="xlsx")
    except Exception:
        message = _("无法读取该文件：请上传 Excel（.xlsx）文件。")
        return ImportReport(ok=False, file_errors=[message])
    result = PilotTaskResource().import_data(
        dataset, dry_run=False, use_transactions=True, rollback_on_validation_errors=True
    )
    file_errors = [str(error.error) for error in result.base_errors]
    rows = _row_messages(result)
    if file_errors or rows:
        return ImportReport(ok=False, file_errors=file_errors, row_errors=rows)
    totals = result.totals
    return ImportReport(
        ok=True,
        created=totals["new"],
        updated=totals["update"],
        unchanged=totals["skip"],
    )
