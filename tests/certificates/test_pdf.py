"""The PDF: Chinese text, one embedded and subset Noto CJK face, A4 landscape, small."""

import io
import os
import shutil
import subprocess

import pytest
from pypdf import PdfReader

from tests.conftest import IN_CI
from tests.factories.certificates import issued_certificate

pytestmark = pytest.mark.django_db

MAX_PDF_BYTES = 200 * 1024


@pytest.fixture
def certificate_pdf(settings):
    certificate = issued_certificate()
    path = settings.PRIVATE_MEDIA_ROOT / certificate.pdf.name
    return certificate, path


def _pdffonts(path) -> list[dict]:
    if shutil.which("pdffonts") is None:
        if IN_CI:
            pytest.fail("CI must check the fonts, but pdffonts (poppler-utils) is missing")
        pytest.skip("needs pdffonts: apt-get install poppler-utils")
    output = subprocess.run(
        ["pdffonts", str(path)], check=True, capture_output=True, text=True
    ).stdout
    rows = []
    for line in output.splitlines()[2:]:
        # name, type (may contain spaces), encoding, emb, sub, uni, object id, generation
        parts = line.split()
        rows.append({"name": parts[0], "emb": parts[-5], "sub": parts[-4]})
    return rows


def test_certificate_pdf_text_contains_the_chinese_facts(certificate_pdf):
    certificate, path = certificate_pdf
    text = "".join(page.extract_text() for page in PdfReader(path).pages)
    text = text.replace(" ", "").replace("\n", "")
    for expected in (
        "江西绿色生态",
        "证书编号",
        certificate.number,
        "企业名称",
        certificate.enterprise_name,
        "统一社会信用代码",
        certificate.credit_code,
        "产品名称",
        certificate.product_name,
        "认证范围",
        certificate.scope.replace(" ", ""),
        "生产地址",
        certificate.site_address,
        "依据标准",
        certificate.standard_code.replace(" ", ""),
        certificate.standard_title.replace(" ", ""),
        "认证机构",
        certificate.body_name,
        "发证日期",
        "有效期至",
        f"{certificate.valid_until.year}年{certificate.valid_until.month}月",
    ):
        assert expected in text, expected


def test_certificate_issue_snapshots_scope_and_production_address(certificate_pdf):
    certificate, _path = certificate_pdf
    product = certificate.application.product
    standard = certificate.application.standard
    assert certificate.scope == (
        f"{product.name}（{product.category.name}），按 {standard.code} 评价"
    )
    assert certificate.site_address == product.site_address
    product.site_address = "江西省赣州市寻乌县新址路9号"
    product.save()
    certificate.refresh_from_db()
    assert certificate.site_address != product.site_address  # issued facts do not move


def test_certificate_pdf_embeds_one_subset_noto_cjk_face(certificate_pdf):
    _certificate, path = certificate_pdf
    fonts = _pdffonts(path)
    assert fonts, "the PDF embeds no font at all"
    assert all("Noto" in f["name"] and "CJK" in f["name"] for f in fonts), fonts
    assert all(f["emb"] == "yes" and f["sub"] == "yes" for f in fonts), fonts
    assert len({f["name"].split("+")[-1] for f in fonts}) == 1, fonts


def test_certificate_pdf_is_one_a4_landscape_page_under_200_kb(certificate_pdf):
    _certificate, path = certificate_pdf
    assert os.path.getsize(path) <= MAX_PDF_BYTES
    reader = PdfReader(io.BytesIO(path.read_bytes()))
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    # A4 landscape: 297 × 210 mm = 841.9 × 595.3 pt
    assert round(float(box.width)) == 842
    assert round(float(box.height)) == 595


def test_certificate_pdf_qr_code_holds_the_signed_verification_url(certificate_pdf):
    from certificates.rendering import certificate_html, qr_data_uri, verification_url
    from certificates.signing import sign_number

    certificate, _path = certificate_pdf
    url = verification_url(certificate.number)
    assert url.endswith(f"/verify/{certificate.number}/?s={sign_number(certificate.number)}")
    # The image in the page is exactly the QR code of that URL.
    assert f'src="{qr_data_uri(url)}"' in certificate_html(certificate)
