"""The certified-products API: filters, cursor, conditional GET, speed, privacy."""

import datetime

import pytest
from django.utils import timezone

from certificates.enums import CertificateStatus
from certification.enums import Action
from directory.models import Listing
from tests.factories import CertificationBodyFactory, EnterpriseFactory, category, county
from tests.factories.certificates import issued_certificate
from tests.factories.certification import ApplicationFactory, advance
from tests.factories.directory import listed_certificate

pytestmark = pytest.mark.django_db

LIST_URL = "/api/v1/certified-products/"


def numbers(client, **params):
    response = client.get(LIST_URL, params)
    assert response.status_code == 200, response.content
    return {item["number"] for item in response.json()["results"]}


def test_list_shows_valid_certificates_by_default(client):
    valid = listed_certificate()
    suspended = listed_certificate(status=CertificateStatus.SUSPENDED)
    revoked = listed_certificate(status=CertificateStatus.REVOKED)
    assert numbers(client) == {valid.number}
    assert numbers(client, status="suspended") == {suspended.number}
    assert numbers(client, status="all") == {valid.number, suspended.number, revoked.number}


def test_list_item_shows_public_facts_only(client):
    certificate = listed_certificate()
    item = client.get(LIST_URL).json()["results"][0]
    assert item["number"] == certificate.number
    assert item["enterprise_name"] == certificate.enterprise_name
    assert item["county"] == {"code": "360734", "name": "寻乌县"}
    assert item["status_display"] == "有效"
    assert item["verify_url"].endswith(f"/verify/{certificate.number}/")
    body = str(item)
    assert "13800000000" not in body and "张三" not in body
    assert not {"contact_name", "contact_phone", "address", "pdf"} & set(item)


def test_reference_tables_reload_when_a_category_is_added(client):
    from standards.models import ProductCategory

    listed_certificate(product__category=category("passion_fruit"))
    assert client.get(LIST_URL, {"category": "new_fruit"}).status_code == 400
    new = ProductCategory.objects.create(
        code="new_fruit", name="新水果", parent=category("passion_fruit").parent
    )
    assert client.get(LIST_URL, {"category": "new_fruit"}).status_code == 200
    listed_certificate(product__category=new)
    assert len(numbers(client, category="new_fruit")) == 1


def test_list_filters_by_county_category_standard_and_body(client):
    body = CertificationBodyFactory()
    in_xunwu = listed_certificate(product__category=category("passion_fruit"))
    elsewhere = listed_certificate(
        product__enterprise=EnterpriseFactory(division=county("360702")),
        certification_body=body,
    )
    assert numbers(client, county="360734") == {in_xunwu.number}
    assert numbers(client, county="360702") == {elsewhere.number}
    assert numbers(client, category="passion_fruit") == {in_xunwu.number}
    assert numbers(client, category=category("passion_fruit").parent.code) >= {in_xunwu.number}
    assert numbers(client, standard=in_xunwu.standard_code) == {in_xunwu.number}
    assert numbers(client, certification_body=body.pk) == {elsewhere.number}


def test_list_searches_product_enterprise_and_number(client):
    orange = listed_certificate(product__name="寻乌蜜橘")
    other = listed_certificate(product__enterprise=EnterpriseFactory(name="赣南稀土新材料有限公司"))
    assert numbers(client, q="蜜橘") == {orange.number}
    assert numbers(client, q="稀土新材料") == {other.number}
    assert numbers(client, q=other.number.lower()) == {other.number}


@pytest.mark.parametrize(
    ("param", "value"),
    [
        ("county", "999999"),
        ("category", "no_such_category"),
        ("standard", "T/NONE 000-2000"),
        ("certification_body", "abc"),
        ("status", "lost"),
        ("updated_since", "yesterday"),
        ("updated_since", "2026-13-45"),
    ],
)
def test_list_bad_filter_value_is_400_naming_the_parameter(client, param, value):
    response = client.get(LIST_URL, {param: value})
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "invalid"
    assert list(error["fields"]) == [param]


def test_list_updated_since_returns_changes_of_every_status(client):
    old = listed_certificate()
    Listing.objects.filter(certificate=old).update(
        updated_at=timezone.now() - datetime.timedelta(days=10)
    )
    recent = listed_certificate(status=CertificateStatus.REVOKED)
    since = (timezone.now() - datetime.timedelta(days=1)).isoformat()
    assert numbers(client, updated_since=since) == {recent.number}


def test_updated_at_moves_when_the_certificate_status_changes(client):
    certificate = issued_certificate()
    listing = Listing.objects.get(certificate=certificate)
    before = listing.updated_at
    advance(certificate.application, Action.START_SUPERVISION, Action.SUSPEND)
    listing.refresh_from_db()
    assert listing.status == CertificateStatus.SUSPENDED
    assert listing.updated_at > before
    since = (before + datetime.timedelta(microseconds=1)).isoformat()
    item = client.get(LIST_URL, {"updated_since": since}).json()["results"][0]
    assert item["number"] == certificate.number and item["status"] == "suspended"


def _walk(client, params, on_page=None):
    seen, url, pages = [], LIST_URL, 0
    while url:
        response = client.get(url, params if pages == 0 else None)
        assert response.status_code == 200
        body = response.json()
        seen.extend(item["number"] for item in body["results"])
        url = body["next"]
        pages += 1
        if on_page:
            on_page(pages)
    return seen


def test_cursor_walk_sees_each_row_once_while_rows_are_added(client):
    application_fields = {"product__enterprise": EnterpriseFactory()}
    original = {listed_certificate(**application_fields).number for _ in range(7)}
    added = []

    def add_rows(page):
        if page <= 2:
            added.append(listed_certificate(**application_fields).number)

    seen = _walk(client, {"page_size": 2}, on_page=add_rows)
    assert len(seen) == len(set(seen))
    assert original <= set(seen)
    assert not set(added) & set(seen)


def test_cursor_walk_is_stable_when_timestamps_tie(client):
    rows = [listed_certificate() for _ in range(5)]
    Listing.objects.update(updated_at=timezone.now())
    seen = _walk(client, {"page_size": 2})
    assert sorted(seen) == sorted(row.number for row in rows)


@pytest.mark.parametrize("cursor", ["garbage", "WyIyMDI2LTAxLTAxIiwgMV0:tampered:sig"])
def test_malformed_or_tampered_cursor_is_400(client, cursor):
    response = client.get(LIST_URL, {"cursor": cursor})
    assert response.status_code == 400
    assert list(response.json()["error"]["fields"]) == ["cursor"]


def test_tampered_cursor_from_a_real_page_is_400(client):
    for _ in range(3):
        listed_certificate()
    next_url = client.get(LIST_URL, {"page_size": 1}).json()["next"]
    response = client.get(next_url.replace("cursor=", "cursor=x"))
    assert response.status_code == 400


def test_page_size_above_maximum_is_capped(client):
    Listing.objects.none()
    for _ in range(3):
        listed_certificate()
    from directory.api.views import ListingPagination

    ListingPagination.max_page_size, saved = 2, ListingPagination.max_page_size
    try:
        body = client.get(LIST_URL, {"page_size": 1000}).json()
    finally:
        ListingPagination.max_page_size = saved
    assert len(body["results"]) == 2 and body["next"]


@pytest.mark.parametrize("size", ["0", "-3", "many"])
def test_page_size_not_a_positive_integer_is_400(client, size):
    response = client.get(LIST_URL, {"page_size": size})
    assert response.status_code == 400
    assert list(response.json()["error"]["fields"]) == ["page_size"]


def test_list_etag_gives_304_until_something_changes(client):
    certificate = issued_certificate()
    first = client.get(LIST_URL)
    etag = first["ETag"]
    assert etag
    again = client.get(LIST_URL, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304 and again["ETag"] == etag and again.content == b""
    advance(certificate.application, Action.START_SUPERVISION, Action.SUSPEND)
    changed = client.get(LIST_URL, {"status": "all"}, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200 and changed["ETag"] != etag


def test_detail_and_unknown_id(client):
    certificate = listed_certificate(status=CertificateStatus.REVOKED)
    listing = Listing.objects.get(certificate=certificate)
    response = client.get(f"{LIST_URL}{listing.pk}/")
    assert response.status_code == 200 and response.json()["status"] == "revoked"
    missing = client.get(f"{LIST_URL}{listing.pk + 1000}/")
    assert missing.status_code == 404
    assert missing.json()["error"]["code"] == "not_found"


@pytest.mark.parametrize(
    "style",
    [str, str.lower, lambda n: n.replace("-", ""), lambda n: n.replace("-", "－")],
    ids=["as issued", "lower case", "no hyphens", "full-width hyphens"],
)
def test_detail_by_certificate_number(client, style):
    certificate = issued_certificate()  # numbered as issued: JXGE-2026-360734-0001
    listing = Listing.objects.get(certificate=certificate)
    response = client.get(f"{LIST_URL}{style(certificate.number)}/")
    assert response.status_code == 200
    assert response.json()["id"] == listing.pk
    assert response.json()["number"] == certificate.number


@pytest.mark.parametrize("key", ["JXGE-1999-360734-9999", "9" * 40, "%E5%AF%BB", "0"])
def test_detail_unknown_number_or_id_is_404_in_the_error_format(client, key):
    listed_certificate()
    response = client.get(f"{LIST_URL}{key}/")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


@pytest.mark.parametrize("page_size", [10, 100])
def test_list_query_count_is_fixed_whatever_the_page_size(
    client, django_assert_num_queries, page_size
):
    shared = {
        "product__enterprise": EnterpriseFactory(),
        "certification_body": CertificationBodyFactory(),
    }
    first = ApplicationFactory(**shared)
    listed_certificate(application=first)
    for _ in range(page_size):
        listed_certificate(standard=first.standard, **shared)
    params = {"page_size": page_size, "county": "360734", "category": "agriculture"}
    client.get(LIST_URL, params)  # loads the counties and categories kept in memory
    # The page alone: the filters validate against the in-memory reference tables.
    with django_assert_num_queries(1):
        response = client.get(LIST_URL, params)
    assert len(response.json()["results"]) == page_size
