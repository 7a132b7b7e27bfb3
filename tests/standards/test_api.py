"""The read-only API and its schema: the conventions later endpoints follow."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from standards.enums import StandardState, StandardType
from tests.factories import category, publishable_standard, published_standard

pytestmark = pytest.mark.django_db

LIST_URL = "/api/v1/standards/"


def test_api_list_shows_public_standards_only(client):
    published = published_standard()
    withdrawn = publishable_standard(state=StandardState.WITHDRAWN)
    draft = publishable_standard(state=StandardState.DRAFTING)
    submitted = publishable_standard(state=StandardState.SUBMITTED)
    response = client.get(LIST_URL)
    assert response.status_code == 200
    body = response.json()
    codes = {item["code"] for item in body["results"]}
    assert codes == {published.code, withdrawn.code}
    assert draft.code not in codes and submitted.code not in codes
    assert body["count"] == 2


def test_api_list_item_shape(client):
    standard = published_standard(categories=[category("passion_fruit")])
    item = client.get(LIST_URL).json()["results"][0]
    assert item["code"] == standard.code
    assert item["state"] == "published" and item["state_display"] == "已发布"
    assert item["categories"] == [
        {"code": "passion_fruit", "name": "百香果", "parent": "agriculture"}
    ]
    assert item["full_text_url"].endswith(reverse("standards:full_text", args=[standard.pk]))
    assert "indicators" not in item


def test_api_detail_has_indicators_in_dimension_order(client):
    standard = published_standard()
    response = client.get(f"{LIST_URL}{standard.pk}/")
    assert response.status_code == 200
    dimensions = [indicator["dimension_display"] for indicator in response.json()["indicators"]]
    assert dimensions == ["资源节约", "环境保护", "生态协同", "质量领先"]


@pytest.mark.parametrize("state", [StandardState.DRAFTING, StandardState.SUBMITTED])
def test_api_detail_of_unpublished_is_404_in_the_error_format(client, state):
    standard = publishable_standard(state=state)
    response = client.get(f"{LIST_URL}{standard.pk}/")
    assert response.status_code == 404
    assert response.json() == {"error": {"code": "not_found", "message": "未找到。", "fields": {}}}


def test_api_filters_and_search(client):
    citrus = published_standard(code="T/ABC 001-2023", categories=[category("selenium_citrus")])
    local = published_standard(code="DB36/T 1234-2023", type=StandardType.LOCAL, title="水稻")
    withdrawn = publishable_standard(state=StandardState.WITHDRAWN)

    def codes(**params):
        return {item["code"] for item in client.get(LIST_URL, params).json()["results"]}

    assert codes(type="local") == {local.code}
    assert codes(state="withdrawn") == {withdrawn.code}
    assert codes(category="agriculture") == {citrus.code}
    assert codes(q="水稻") == {local.code}
    assert codes(q="abc 001") == {citrus.code}


def test_api_invalid_filter_is_400_in_the_error_format(client):
    response = client.get(LIST_URL, {"state": "drafting"})
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "invalid"
    assert list(error["fields"]) == ["state"]
    assert error["message"]


def test_api_is_read_only(client, admin_client):
    for http_client in (client, admin_client):
        response = http_client.post(LIST_URL, {"code": "T/ABC 001-2023"})
        assert response.status_code in {403, 405}
        assert "error" in response.json()


def test_api_paginates(client):
    for _ in range(3):
        published_standard()
    body = client.get(LIST_URL, {"page_size": 2}).json()
    assert len(body["results"]) == 2 and body["next"]


def test_api_schema_and_docs_are_served(client):
    schema = client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert schema.status_code == 200
    paths = schema.json()["paths"]
    assert "/api/v1/standards/" in paths and "/api/v1/standards/{id}/" in paths
    assert "404" in paths["/api/v1/standards/{id}/"]["get"]["responses"]
    assert client.get("/api/docs/").status_code == 200


def test_api_schema_generates_without_warnings(tmp_path):
    # --fail-on-warn raises on any warning or error of the schema generator.
    call_command(
        "spectacular", "--validate", "--fail-on-warn", "--file", str(tmp_path / "schema.yml")
    )
    assert (tmp_path / "schema.yml").read_text().startswith("openapi:")
