"""The filtered directory as CSV or Excel: the same public columns as the list page."""

import csv
import io

from django.http import HttpResponse, StreamingHttpResponse
from django.utils.translation import gettext as _
from openpyxl import Workbook

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# A spreadsheet would run a cell starting with these as a formula (CSV injection).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
# The Excel file is built in memory: beyond this, ask for a narrower filter or use the API.
MAX_EXPORT_ROWS = 50_000


def _columns():
    return [
        (_("证书编号"), "number"),
        (_("产品名称"), "product_name"),
        (_("产品类别"), "category__name"),
        (_("企业名称"), "enterprise_name"),
        (_("统一社会信用代码"), "credit_code"),
        (_("所在县（区）"), "division__name"),
        (_("依据标准"), "standard_code"),
        (_("标准名称"), "standard_title"),
        (_("认证机构"), "body_name"),
        (_("证书状态"), "status"),
        (_("发证日期"), "issued_on"),
        (_("有效期至"), "valid_until"),
    ]


def _rows(queryset, status_labels):
    fields = [field for _label, field in _columns()]
    for values in queryset.values_list(*fields)[:MAX_EXPORT_ROWS].iterator(chunk_size=2000):
        row = dict(zip(fields, values, strict=True))
        row["status"] = status_labels.get(row["status"], row["status"])
        yield [row[field] for field in fields]


def _safe(value):
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


class _Echo:
    def write(self, value):
        return value


def csv_response(queryset, status_labels, filename: str) -> StreamingHttpResponse:
    writer = csv.writer(_Echo())

    def lines():
        yield "\ufeff"  # so that Excel opens the UTF-8 file as Chinese
        yield writer.writerow([label for label, _field in _columns()])
        for row in _rows(queryset, status_labels):
            yield writer.writerow([_safe(value) for value in row])

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    return response


def xlsx_response(queryset, status_labels, filename: str) -> HttpResponse:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("认证产品名录"))
    header = [label for label, _field in _columns()]
    sheet.append(header)
    for row in _rows(queryset, status_labels):
        sheet.append([_safe(value) for value in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
    return response
