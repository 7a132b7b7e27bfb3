"""Indicators to and from Excel, through the resource and through the admin."""

from decimal import Decimal

import pytest
import tablib
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from import_export.formats.base_formats import XLSX

from accounts.roles import Role
from standards.enums import Dimension, IndicatorKind, StandardState
from standards.models import Indicator
from standards.resources import IndicatorResource
from tests.factories import IndicatorFactory, StandardFactory, user_with_role

pytestmark = pytest.mark.django_db

HEADERS = ["标准编号", "评价维度", "指标名称", "指标要求", "指标类型", "满分", "排序"]


def _export_xlsx(queryset) -> bytes:
    return XLSX().export_data(IndicatorResource().export(queryset=queryset))


def _read_xlsx(content: bytes) -> tablib.Dataset:
    return XLSX().create_dataset(content)


def _standard_with_indicators(**fields):
    standard = StandardFactory(code="T/ABC 001-2023", **fields)
    IndicatorFactory(
        standard=standard, dimension=Dimension.RESOURCE_SAVING, name="节水灌溉", sort_order=1
    )
    IndicatorFactory(
        standard=standard,
        dimension=Dimension.ENVIRONMENTAL_PROTECTION,
        name="农药残留",
        kind=IndicatorKind.MANDATORY,
        max_score=None,
        sort_order=2,
    )
    return standard


def test_import_export_round_trip_through_excel():
    standard = _standard_with_indicators()
    dataset = _read_xlsx(_export_xlsx(standard.indicators.all()))
    assert dataset.headers == HEADERS
    assert dataset[0][:3] == ("T/ABC 001-2023", "资源节约", "节水灌溉")
    assert dataset[1][4] == "否决项（合格/不合格）"

    # Edit one requirement, add a row, and import the workbook back.
    rows = [list(row) for row in dataset]
    rows[0][3] = "节水灌溉覆盖率不低于 80%。"
    rows.append(["T/ABC 001-2023", "质量领先", "硒含量", "0.01–0.10 mg/kg", "评分项", "30", "3"])
    edited = tablib.Dataset(*rows, headers=HEADERS)
    result = IndicatorResource().import_data(_read_xlsx(XLSX().export_data(edited)))
    assert not result.has_errors() and not result.has_validation_errors()

    indicators = {i.name: i for i in standard.indicators.all()}
    assert set(indicators) == {"节水灌溉", "农药残留", "硒含量"}
    assert indicators["节水灌溉"].requirement == "节水灌溉覆盖率不低于 80%。"
    assert indicators["硒含量"].dimension == Dimension.QUALITY_LEADERSHIP
    assert indicators["硒含量"].max_score == Decimal("30")
    assert indicators["农药残留"].max_score is None


@pytest.mark.parametrize(
    ("row", "message"),
    [
        (["T/NONE 001-2023", "资源节约", "甲", "要求", "评分项", "10", "1"], "不存在"),
        (["T/ABC 001-2023", "经济效益", "甲", "要求", "评分项", "10", "1"], "不是可选值"),
        (["T/ABC 001-2023", "资源节约", "甲", "要求", "评分项", "", "1"], "评分项须设置满分"),
    ],
)
def test_import_bad_rows_are_refused_with_reasons(row, message):
    _standard_with_indicators()
    result = IndicatorResource().import_data(
        tablib.Dataset(row, headers=HEADERS), raise_errors=False
    )
    assert result.has_errors() or result.has_validation_errors()
    errors = [str(e.error) for e in result.base_errors] + [
        str(error)
        for invalid in result.invalid_rows
        for messages in invalid.error_dict.values()
        for error in messages
    ]
    errors += [str(e.error) for row in result.rows for e in row.errors]
    assert any(message in text for text in errors), errors
    assert not Indicator.objects.filter(name="甲").exists()


def test_import_into_a_published_standard_is_refused():
    _standard_with_indicators(state=StandardState.PUBLISHED)
    row = ["T/ABC 001-2023", "资源节约", "新指标", "要求", "评分项", "10", "1"]
    result = IndicatorResource().import_data(tablib.Dataset(row, headers=HEADERS))
    assert result.has_validation_errors()
    assert not Indicator.objects.filter(name="新指标").exists()


def test_import_export_through_the_admin(client):
    standard = _standard_with_indicators()
    client.force_login(user_with_role(Role.PROVINCIAL_ADMIN))
    rows = [
        [
            "T/ABC 001-2023",
            "生态协同",
            "水土保持",
            "坡地果园采取水土保持措施。",
            "评分项",
            "20",
            "5",
        ]
    ]
    workbook = XLSX().export_data(tablib.Dataset(*rows, headers=HEADERS))
    upload = SimpleUploadedFile("indicators.xlsx", workbook)
    preview = client.post(
        reverse("admin:standards_indicator_import"), {"format": "0", "import_file": upload}
    )
    assert preview.status_code == 200
    confirm = preview.context["confirm_form"]
    done = client.post(reverse("admin:standards_indicator_process_import"), confirm.initial)
    assert done.status_code == 302
    assert standard.indicators.filter(name="水土保持", max_score=20).exists()

    export = client.post(
        reverse("admin:standards_indicator_export") + f"?standard__id__exact={standard.pk}",
        {
            "format": "0",
            **{f"indicatorresource_{name}": "on" for name in IndicatorResource.Meta.fields},
        },
    )
    assert export.status_code == 200
    assert export["Content-Type"].startswith("application/vnd.openxmlformats")
    assert len(_read_xlsx(export.content)) == 3


@pytest.mark.parametrize("role", [Role.REVIEWER, Role.SUPERVISOR])
def test_import_export_refused_to_other_staff(client, role):
    client.force_login(user_with_role(role))
    assert client.get(reverse("admin:standards_indicator_import")).status_code == 403
    assert client.get(reverse("admin:standards_indicator_export")).status_code == 403
