"""The authenticated API: tokens, own objects only, writes through the services."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from knox.models import AuthToken

from accounts.roles import Role
from accounts.services import api_token_issue
from certification.models import Application
from tests.factories import (
    CertificationBodyFactory,
    EnterpriseFactory,
    county,
    county_official,
    user_with_role,
)
from tests.factories.certification import (
    PDF_BYTES,
    ApplicationFactory,
    ProductFactory,
    ScoredStandardFactory,
    add_required_documents,
    supervisor,
)

pytestmark = pytest.mark.django_db

APPLICATIONS = "/api/v1/applications/"
PRODUCTS = "/api/v1/products/"


def auth(user) -> dict:
    return {"HTTP_AUTHORIZATION": f"Token {api_token_issue(user=user)}"}


def stored_in_clear(token: str) -> bool:
    return any(token in str(row) for row in AuthToken.objects.values_list())


@pytest.fixture
def owner():
    return user_with_role(Role.ENTERPRISE_USER)


def test_token_is_obtained_with_email_and_password(client, owner):
    response = client.post(
        "/api/v1/auth/token/", {"username": owner.email, "password": "correct-horse-9"}
    )
    assert response.status_code == 200
    token = response.json()["token"]
    assert client.get(APPLICATIONS, HTTP_AUTHORIZATION=f"Token {token}").status_code == 200
    assert not stored_in_clear(token)


def test_token_with_wrong_password_is_400_in_the_error_format(client, owner):
    response = client.post("/api/v1/auth/token/", {"username": owner.email, "password": "no"})
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid"


def test_token_command_prints_a_new_token_that_authenticates(client, owner, capsys):
    call_command("api_token", owner.email)
    token = capsys.readouterr().out.strip()
    assert client.get(APPLICATIONS, HTTP_AUTHORIZATION=f"Token {token}").status_code == 200
    assert not stored_in_clear(token)


def test_token_command_rotate_revokes_the_old_tokens(client, owner, capsys):
    old = auth(owner)
    call_command("api_token", owner.email, "--rotate")
    new = capsys.readouterr().out.strip()
    assert client.get(APPLICATIONS, **old).status_code == 401
    assert client.get(APPLICATIONS, HTTP_AUTHORIZATION=f"Token {new}").status_code == 200


def test_token_issue_keeps_the_newest_tokens_up_to_the_limit(client, owner, settings):
    settings.API_TOKENS_PER_USER = 2
    first, second, third = auth(owner), auth(owner), auth(owner)
    assert client.get(APPLICATIONS, **first).status_code == 401
    assert client.get(APPLICATIONS, **second).status_code == 200
    assert client.get(APPLICATIONS, **third).status_code == 200


def test_token_that_is_not_utf8_is_401(client):
    response = client.get(APPLICATIONS, HTTP_AUTHORIZATION="Token \xff\xfe")
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "authentication_failed"


def test_anonymous_is_401_and_wrong_token_is_401(client):
    assert client.get(APPLICATIONS).status_code == 401
    response = client.get(APPLICATIONS, HTTP_AUTHORIZATION="Token 0000")
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "authentication_failed"


def test_enterprise_user_sees_only_own_applications(client, owner):
    own = ApplicationFactory(product=ProductFactory(enterprise=owner.enterprise))
    other = ApplicationFactory()
    response = client.get(APPLICATIONS, **auth(owner))
    assert [item["id"] for item in response.json()["results"]] == [own.pk]
    assert client.get(f"{APPLICATIONS}{other.pk}/", **auth(owner)).status_code == 404
    response = client.post(f"{APPLICATIONS}{other.pk}/submit/", **auth(owner))
    assert response.status_code == 404


def test_officials_see_applications_within_their_reach(client):
    in_county = ApplicationFactory()
    elsewhere = ApplicationFactory(product__enterprise=EnterpriseFactory(division=county("360702")))
    official = county_official("360734")
    ids = {item["id"] for item in client.get(APPLICATIONS, **auth(official)).json()["results"]}
    assert in_county.pk in ids and elsewhere.pk not in ids
    ids = {item["id"] for item in client.get(APPLICATIONS, **auth(supervisor())).json()["results"]}
    assert {in_county.pk, elsewhere.pk} <= ids


def test_enterprise_user_creates_product_and_application(client, owner):
    response = client.post(
        PRODUCTS,
        {
            "name": "寻乌脐橙",
            "category": "selenium_citrus",
            "site_address": "寻乌县果园路1号",
            "site_division": "360734",
        },
        content_type="application/json",
        **auth(owner),
    )
    assert response.status_code == 201, response.content
    product_id = response.json()["id"]
    standard = ScoredStandardFactory()
    body = CertificationBodyFactory()
    response = client.post(
        APPLICATIONS,
        {"product": product_id, "standard": standard.code, "certification_body": body.pk},
        content_type="application/json",
        **auth(owner),
    )
    assert response.status_code == 201, response.content
    application = Application.objects.get(pk=response.json()["id"])
    assert application.state == "draft" and application.created_by == owner


def test_application_for_another_enterprises_product_is_400(client, owner):
    other_product = ProductFactory()
    response = client.post(
        APPLICATIONS,
        {
            "product": other_product.pk,
            "standard": ScoredStandardFactory().code,
            "certification_body": CertificationBodyFactory().pk,
        },
        content_type="application/json",
        **auth(owner),
    )
    assert response.status_code == 400
    assert list(response.json()["error"]["fields"]) == ["product"]


def test_official_cannot_create_applications(client):
    response = client.post(APPLICATIONS, {}, content_type="application/json", **auth(supervisor()))
    assert response.status_code == 400  # no own product to choose: refused before anything


def test_document_upload_is_multipart_and_checked(client, owner):
    application = ApplicationFactory(product=ProductFactory(enterprise=owner.enterprise))
    url = f"{APPLICATIONS}{application.pk}/documents/"
    upload = SimpleUploadedFile("report.pdf", PDF_BYTES, content_type="application/pdf")
    response = client.post(url, {"document_type": "test_report", "file": upload}, **auth(owner))
    assert response.status_code == 201, response.content
    assert response.json()["original_name"] == "report.pdf"
    fake = SimpleUploadedFile("report.pdf", b"not a pdf at all", content_type="application/pdf")
    response = client.post(url, {"document_type": "test_report", "file": fake}, **auth(owner))
    assert response.status_code == 400
    assert "file" in response.json()["error"]["fields"]


def test_submit_with_missing_documents_is_400_with_reasons(client, owner):
    application = ApplicationFactory(product=ProductFactory(enterprise=owner.enterprise))
    response = client.post(f"{APPLICATIONS}{application.pk}/submit/", **auth(owner))
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "conditions_not_met"


def test_submit_then_submit_again_is_409_in_chinese(client, owner):
    application = ApplicationFactory(product=ProductFactory(enterprise=owner.enterprise))
    add_required_documents(application, owner)
    url = f"{APPLICATIONS}{application.pk}/submit/"
    first = client.post(url, **auth(owner))
    assert first.status_code == 200 and first.json()["state"] == "submitted"
    again = client.post(url, **auth(owner))
    assert again.status_code == 409
    error = again.json()["error"]
    assert error["code"] == "conflict"
    assert "当前状态“已提交”下不能执行“提交申请”" in error["message"]


def test_submit_with_stale_expected_state_is_409(client, owner):
    application = ApplicationFactory(product=ProductFactory(enterprise=owner.enterprise))
    add_required_documents(application, owner)
    response = client.post(
        f"{APPLICATIONS}{application.pk}/submit/",
        {"expected_state": "needs_changes"},
        content_type="application/json",
        **auth(owner),
    )
    assert response.status_code == 409
    assert "已被他人处理" in response.json()["error"]["message"]


def test_supervisor_may_read_but_not_submit(client):
    application = ApplicationFactory()
    response = client.post(f"{APPLICATIONS}{application.pk}/submit/", **auth(supervisor()))
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "permission_denied"


@pytest.mark.parametrize("page_size", [10, 100])
def test_application_list_query_count_is_fixed(client, django_assert_num_queries, page_size):
    official = supervisor()
    headers = auth(official)
    for _ in range(page_size):
        ApplicationFactory()
    # session-less token lookup, role checks, count, page
    with django_assert_num_queries(4):
        response = client.get(APPLICATIONS, {"page_size": page_size}, **headers)
    assert len(response.json()["results"]) == page_size


def test_application_list_etag_gives_304_until_an_application_changes(client, owner):
    application = ApplicationFactory(product=ProductFactory(enterprise=owner.enterprise))
    headers = auth(owner)
    etag = client.get(APPLICATIONS, **headers)["ETag"]
    assert client.get(APPLICATIONS, HTTP_IF_NONE_MATCH=etag, **headers).status_code == 304
    add_required_documents(application, owner)
    client.post(f"{APPLICATIONS}{application.pk}/submit/", **headers)
    response = client.get(APPLICATIONS, HTTP_IF_NONE_MATCH=etag, **headers)
    assert response.status_code == 200 and response["ETag"] != etag
