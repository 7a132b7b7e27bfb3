"""The public directory pages and their downloads."""

import csv
import io

import pytest
from openpyxl import load_workbook

from certificates.enums import CertificateStatus
from tests.factories import EnterpriseFactory, category
from tests.factories.directory import listed_certificate

pytestmark = pytest.mark.django_db


def test_list_page_shows_valid_products_and_searches(client):
    orange = listed_certificate(product__name="寻乌蜜橘")
    rice = listed_certificate(product__name="有机大米")
    revoked = listed_certificate(product__name="撤销产品", status=CertificateStatus.REVOKED)
    html = client.get("/directory/").content.decode()
    assert orange.number in html and rice.number in html and revoked.number not in html
    html = client.get("/directory/", {"q": "蜜橘"}).content.decode()
    assert orange.number in html and rice.number not in html
    html = client.get("/directory/", {"status": "all"}).content.decode()
    assert revoked.number in html


def test_list_page_filters_and_sorts(client):
    fruit = listed_certificate(product__name="B百香果", product__category=category("passion_fruit"))
    other = listed_certificate(product__name="A脐橙")
    html = client.get("/directory/", {"category": "passion_fruit"}).content.decode()
    assert fruit.number in html and other.number not in html
    html = client.get("/directory/", {"sort": "product"}).content.decode()
    assert html.index(other.number) < html.index(fruit.number)
    html = client.get("/directory/", {"sort": "-product"}).content.decode()
    assert html.index(fruit.number) < html.index(other.number)


def test_list_page_with_bad_filter_shows_the_error(client):
    listed_certificate()
    response = client.get("/directory/", {"county": "999999"})
    assert response.status_code == 200
    assert 'class="errorlist"' in response.content.decode()


def test_product_page_shows_public_facts_only(client):
    enterprise = EnterpriseFactory(contact_name="王五", contact_phone="13700000000")
    certificate = listed_certificate(product__enterprise=enterprise)
    html = client.get(f"/directory/products/{certificate.number}/").content.decode()
    assert certificate.product_name in html and enterprise.name in html
    assert certificate.standard_code in html and "有效" in html
    assert "互认品牌" in html
    assert "王五" not in html and "13700000000" not in html and enterprise.address not in html


def test_product_page_of_a_suspended_certificate_warns(client):
    certificate = listed_certificate(status=CertificateStatus.SUSPENDED)
    html = client.get(f"/directory/products/{certificate.number}/").content.decode()
    assert "不得使用" in html


def test_unknown_product_and_unlisted_enterprise_are_404(client):
    assert client.get("/directory/products/JXGE-0000/").status_code == 404
    enterprise = EnterpriseFactory()
    assert client.get(f"/directory/enterprises/{enterprise.credit_code}/").status_code == 404


def test_enterprise_page_lists_its_products(client):
    enterprise = EnterpriseFactory(contact_phone="13600000000")
    first = listed_certificate(product__enterprise=enterprise)
    second = listed_certificate(product__enterprise=enterprise, status=CertificateStatus.EXPIRED)
    html = client.get(f"/directory/enterprises/{enterprise.credit_code}/").content.decode()
    assert first.number in html and second.number in html and "13600000000" not in html


def test_csv_download_follows_the_filters(client):
    fruit = listed_certificate(product__category=category("passion_fruit"))
    other = listed_certificate()
    response = client.get("/directory/export.csv", {"category": "passion_fruit"})
    assert response["Content-Type"].startswith("text/csv")
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][0] == "证书编号"
    assert [row[0] for row in rows[1:]] == [fruit.number]
    assert other.number not in text


def test_csv_download_neutralises_formulas(client):
    listed_certificate(product__name='=HYPERLINK("http://x")')
    text = b"".join(client.get("/directory/export.csv").streaming_content).decode("utf-8-sig")
    assert "'=HYPERLINK" in text


def test_excel_download_has_the_filtered_rows(client):
    valid = listed_certificate()
    listed_certificate(status=CertificateStatus.REVOKED)
    response = client.get("/directory/export.xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "证书编号"
    assert [row[0] for row in rows[1:]] == [valid.number]
    assert rows[1][9] == "有效"


def test_list_page_query_count_is_fixed(client, django_assert_num_queries):
    for _ in range(25):
        listed_certificate()
    client.get("/directory/")  # loads the counties and categories kept in memory
    # filter choices (standard, body) + count + page
    with django_assert_num_queries(4):
        client.get("/directory/", {"status": "valid"})


def test_product_page_shows_verified_recognised_brands(client):
    import datetime

    from django.apps import apps

    if not apps.is_installed("supervision"):
        pytest.skip("the supervision app (recognised brands) is not installed")
    from supervision.models import RecognisedBrand, RecognisedCertificateCitation
    from tests.factories.certificates import issued_certificate

    certificate = issued_certificate()
    brand, _created = RecognisedBrand.objects.get_or_create(
        name="圳品", defaults={"region": "深圳"}
    )
    valid_until = datetime.date.today() + datetime.timedelta(days=365)
    RecognisedCertificateCitation.objects.create(
        application=certificate.application,
        brand=brand,
        number="SZ-2026-001",
        valid_until=valid_until,
        verified=True,
    )
    RecognisedCertificateCitation.objects.create(
        application=certificate.application,
        brand=brand,
        number="SZ-UNVERIFIED",
        valid_until=valid_until,
        verified=False,
    )
    html = client.get(f"/directory/products/{certificate.number}/").content.decode()
    assert "圳品" in html and "SZ-2026-001" in html
    assert "SZ-UNVERIFIED" not in html
