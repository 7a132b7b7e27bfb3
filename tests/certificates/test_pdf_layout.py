"""The certificate's layout with the longest values: one page, every character inside
the border, smaller type only when needed; the seal, the brand mark, the number once."""

import io
import re
import shutil
import subprocess

import pdfplumber
import pytest

from certificates.layout import FIT_STYLES, overflowing_boxes, seal_arc, seal_characters
from certificates.rendering import certificate_html, render_document, render_pdf
from tests.conftest import IN_CI
from tests.factories.certificates import CertificateSnapshotFactory

MM = 72 / 25.4
# The template's frame (the thin inner border): page edge + 8 mm + 2.2 mm green border
# + 2.5 mm padding + 0.5 mm frame line.
FRAME_INSET_MM = 8 + 2.2 + 2.5 + 0.5


def _long(text: str, length: int) -> str:
    return (text * (length // len(text) + 1))[:length]


LONGEST = {
    "enterprise_name": _long("赣州市寻乌县绿源生态富硒果业专业合作社联合社有限责任公司", 100),
    "product_name": _long("寻乌富硒脐橙（特级果）精品礼盒装、", 200),
    "standard_code": _long("DB36/T 1234.12—2024 ", 50),
    "standard_title": _long("“江西绿色生态”品牌评价 富硒柑橘 第12部分：种植包装技术规范；", 300),
    "scope": _long("富硒脐橙的种植、采收、分级、包装与销售（含寻乌县文峰乡基地）；", 300),
    "site_address": _long("江西省赣州市寻乌县文峰乡石排村果业基地第三生产区", 255),
    "body_name": _long("江西省绿色生态产品认证中心有限公司赣州分公司", 100),
}
CASES = {
    "all at once": LONGEST,
    "product name": {"product_name": LONGEST["product_name"]},
    "standard title": {"standard_title": LONGEST["standard_title"]},
    "model maxima": {**LONGEST, "enterprise_name": _long("寻乌县绿源果业有限公司", 200)},
}


def _chars_outside_the_frame(pdf: bytes) -> list[str]:
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        assert len(document.pages) == 1
        page = document.pages[0]
        inset = FRAME_INSET_MM * MM
        left, top = inset, inset
        right, bottom = page.width - inset, page.height - inset
        return [
            f"{char['text']}@({char['x0']:.0f},{char['top']:.0f})"
            for char in page.chars
            if char["x0"] < left or char["x1"] > right or char["top"] < top
            or char["bottom"] > bottom
        ]  # fmt: skip


@pytest.mark.parametrize("fields", CASES.values(), ids=CASES.keys())
def test_certificate_longest_values_stay_inside_the_border_on_one_page(fields):
    certificate = CertificateSnapshotFactory.build(**fields)
    document = render_document(certificate)
    assert len(document.pages) == 1
    assert overflowing_boxes(document) == []  # WeasyPrint's layout boxes
    assert _chars_outside_the_frame(document.write_pdf()) == []  # the PDF's glyphs


def test_certificate_longest_values_overflow_without_shrinking():
    # The check above can fail: at the largest type the longest values leave the frame.
    from django.conf import settings
    from weasyprint import HTML

    certificate = CertificateSnapshotFactory.build(**LONGEST)
    html = certificate_html(certificate, fit=0)
    document = HTML(string=html, base_url=str(settings.BASE_DIR)).render()
    assert overflowing_boxes(document)
    assert _chars_outside_the_frame(document.write_pdf())


def test_certificate_short_values_keep_the_largest_type():
    certificate = CertificateSnapshotFactory.build()
    html = certificate_html(certificate)
    assert f"font-size: {FIT_STYLES[0]['facts_pt']}pt" in html
    assert not overflowing_boxes(render_document(certificate))


def test_certificate_longest_values_still_embed_one_subset_cjk_face(tmp_path):
    if shutil.which("pdffonts") is None:
        if IN_CI:
            pytest.fail("CI must check the fonts, but pdffonts (poppler-utils) is missing")
        pytest.skip("needs pdffonts: apt-get install poppler-utils")
    path = tmp_path / "certificate.pdf"
    path.write_bytes(render_pdf(CertificateSnapshotFactory.build(**LONGEST)))
    output = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True).stdout
    rows = [line.split() for line in output.splitlines()[2:]]
    assert len(rows) == 1, output  # the seal and the brand mark add no face
    assert "Noto-Serif-CJK-SC" in rows[0][0] and rows[0][-5:-3] == ["yes", "yes"], output


def _text(certificate) -> str:
    with pdfplumber.open(io.BytesIO(render_pdf(certificate))) as document:
        return re.sub(r"\s", "", document.pages[0].extract_text())


def test_certificate_prints_its_number_once():
    certificate = CertificateSnapshotFactory.build()
    text = _text(certificate)
    assert text.count(certificate.number) == 1
    assert text.count("证书编号") == 1


def test_certificate_prints_scope_address_seal_area_and_provisional_validity():
    certificate = CertificateSnapshotFactory.build()
    text = _text(certificate)
    for expected in (
        "认证范围",
        certificate.scope.replace(" ", ""),
        "生产地址",
        certificate.site_address,
        "认证机构印章",
        "认证机构（盖章）",
        "授权签字人",
        "2029年11月22日（暂定）",
    ):
        assert expected in text, expected


def test_certificate_shows_the_projects_brand_mark():
    from django.conf import settings

    svg = (settings.BASE_DIR / "static" / "brand" / "mark.svg").read_text()
    assert "<text" not in svg  # a drawing: no text, so no font of its own
    html = certificate_html(CertificateSnapshotFactory.build())
    assert f'<p class="brand">{svg}' in html


def test_seal_characters_run_clockwise_along_the_arc():
    placed = seal_characters("江西省绿色生态产品认证中心有限公司")
    assert "".join(c.char for c in placed) == "江西省绿色生态产品认证中心有限公司"
    angles = [c.angle for c in placed]
    assert angles == sorted(angles) and angles[0] < -90 < 90 < angles[-1]
    middle = placed[len(placed) // 2]  # upright at the top of the seal
    assert middle.angle == 0 and middle.y_mm < 6 and middle.char == "品"


def test_seal_characters_leave_out_a_name_too_long_for_the_arc():
    assert seal_characters("认" * 41) == []
    assert seal_characters("") == []


def test_seal_arc_gives_each_character_a_position_and_rotation():
    arc = seal_arc("江西省 绿色生态产品认证中心")
    assert arc.text == "江西省绿色生态产品认证中心"  # no space on a seal
    assert len(arc.x.split()) == len(arc.y.split()) == len(arc.rotate.split()) == 13
    assert seal_arc("认" * 41) is None
    html = certificate_html(CertificateSnapshotFactory.build(body_name="江西省绿色生态认证中心"))
    assert '">江西省绿色生态认证中心</text>' in html
