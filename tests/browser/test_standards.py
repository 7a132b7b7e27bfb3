"""The public catalogue and a standard's page, in a real browser."""

from standards.enums import Dimension, IndicatorKind, StandardState, StandardType
from tests.factories import IndicatorFactory, category, publishable_standard


def _catalogue():
    citrus = publishable_standard(
        state=StandardState.PUBLISHED,
        code="T/JXGE 001-2023",
        title="富硒柑橘评价规范",
        categories=[category("selenium_citrus")],
    )
    IndicatorFactory(
        standard=citrus,
        dimension=Dimension.ENVIRONMENTAL_PROTECTION,
        name="农药残留限量",
        kind=IndicatorKind.MANDATORY,
        max_score=None,
    )
    publishable_standard(
        state=StandardState.PUBLISHED,
        code="DB36/T 1234-2023",
        type=StandardType.LOCAL,
        title="稀土新材料评价规范",
        categories=[category("rare_earth_materials")],
    )
    publishable_standard(state=StandardState.DRAFTING, code="T/JXGE 009-2024", title="起草中的标准")
    return citrus


def test_catalogue_search_and_standard_page(page):
    citrus = _catalogue()
    page.goto("/standards/")
    assert page.locator("h1").text_content() == "标准目录"
    rows = page.locator("table.standards-table tbody tr")
    assert rows.count() == 2
    assert "起草中的标准" not in page.content()

    page.get_by_label("编号或名称").fill("富硒")
    page.get_by_role("button", name="查询").click()
    page.wait_for_url("**/standards/?*q=*")
    assert rows.count() == 1

    page.get_by_role("link", name="T/JXGE 001-2023").click()
    page.wait_for_url(f"**/standards/{citrus.pk}/")
    assert page.locator("h1").text_content() == "T/JXGE 001-2023"
    headings = page.locator("section.dimension h3").all_text_contents()
    assert [h.split()[0] for h in headings] == [d.label for d in Dimension]
    assert page.get_by_text("农药残留限量").is_visible()

    with page.expect_download() as download_info:
        page.get_by_role("button", name="下载标准全文（PDF）").click()
    download = download_info.value
    assert download.suggested_filename == "T_JXGE_001-2023.pdf"
    with open(download.path(), "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"


def test_catalogue_filter_by_category(page):
    _catalogue()
    page.goto("/standards/")
    page.get_by_label("产品类别").select_option(label="工业 › 稀土新材料")
    page.get_by_role("button", name="查询").click()
    page.wait_for_url("**category=rare_earth_materials*")
    assert page.locator("table.standards-table tbody tr").count() == 1
    assert page.get_by_role("link", name="DB36/T 1234-2023").is_visible()
