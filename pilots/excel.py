"""Excel files written with openpyxl: a county's task table and the payout list.

The task table has exactly the columns of `resources.PilotTaskResource`, so a file
downloaded from the dashboard imports back in the admin unchanged.
"""

import datetime
import io

from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from .resources import PilotTaskResource

HEADER_FILL = PatternFill("solid", fgColor="E8F5E9")
DATE_FORMAT = "yyyy-mm-dd"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _workbook(title: str, headers, rows, widths) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title[:31]
    sheet.append(list(headers))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
    for row in rows:
        sheet.append(list(row))
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            if isinstance(cell.value, datetime.date):
                cell.number_format = DATE_FORMAT
            elif isinstance(cell.value, str) and len(cell.value) > 30:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


TASK_WIDTHS = (10, 10, 10, 6, 24, 60, 24, 24, 30, 30, 12, 10, 10)


def task_table_xlsx(county) -> bytes:
    """The county's task table (main tasks, then the breakdown), Chinese headers."""
    resource = PilotTaskResource()
    tasks = county.tasks.in_document_order()
    dataset = resource.export(queryset=tasks)
    return _workbook(str(county.name), dataset.headers, dataset, TASK_WIDTHS)


PAYOUT_HEADERS = (
    "序号",
    "试点县",
    "奖励情形",
    "受奖对象",
    "统一社会信用代码",
    "标准编号",
    "奖励金额（元）",
    "状态",
    "审核通过时间",
    "支付日期",
    "支付凭证号",
)
PAYOUT_WIDTHS = (6, 10, 30, 36, 22, 22, 14, 10, 18, 12, 20)


def payouts_xlsx(county, payouts) -> bytes:
    """The payout list for the finance bureau (县财政), amounts as numbers."""
    rows = []
    for index, payout in enumerate(payouts, start=1):
        approved = payout.approved_at and f"{timezone.localtime(payout.approved_at):%Y-%m-%d %H:%M}"
        rows.append(
            (
                index,
                county.name,
                payout.rule.get_kind_display(),
                payout.beneficiary_name,
                payout.enterprise.credit_code if payout.enterprise_id else "",
                payout.standard.code if payout.standard_id else "",
                payout.amount,
                payout.get_state_display(),
                approved or "",
                payout.paid_on,
                payout.voucher_number,
            )
        )
    return _workbook(f"{county.name}奖励发放", PAYOUT_HEADERS, rows, PAYOUT_WIDTHS)
