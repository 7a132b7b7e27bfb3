"""Bad input is a 400 with a reason, never a 500.

The NUL cases only failed on PostgreSQL (which cannot hold NUL in text; SQLite stores it),
so they run everywhere but prove the fix in CI; the others failed on any database.
"""

import json

import pytest
from django import forms
from django.urls import reverse

from accounts.models import Notification
from accounts.roles import Role
from certificates.forms import FakeReportForm, VerifyForm
from promotion.forms import ArticleFilterForm
from standards.enums import StandardState
from standards.models import Standard
from tests.factories import publishable_standard, user_with_role
from tests.factories.certification import ApplicationFactory

pytestmark = pytest.mark.django_db

NUL_MESSAGE = "请求中含有空字符（NUL）"


@pytest.fixture
def superuser_client(client):
    client.force_login(user_with_role(Role.PROVINCIAL_ADMIN, is_staff=True, is_superuser=True))
    return client


def _assert_page_400(response, text):
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")
    assert text in response.content.decode()


def _assert_api_400(response, code="invalid", fields=None):
    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/json")
    error = response.json()["error"]
    assert error["code"] == code and error["message"]
    if fields is not None:
        assert sorted(error["fields"]) == sorted(fields)
    return error


# --- "/" in a certificate number -------------------------------------------------------


def test_verify_search_number_with_slash_is_a_form_error(client):
    response = client.get(reverse("certificates:verify_search"), {"number": "A/B"})
    _assert_page_400(response, "证书编号由字母、数字和连字符组成")


def test_verify_search_well_formed_number_still_redirects(client):
    response = client.get(reverse("certificates:verify_search"), {"number": "jxge-2026-x"})
    assert response.status_code == 302
    assert response["Location"] == reverse("certificates:verify", args=["JXGE-2026-X"])


# --- NUL in query parameters, form fields and paths ------------------------------------


def test_infringement_page_nul_in_search_is_400_page(client):
    response = client.get(reverse("supervision:case_list"), {"q": "假冒\x00"})
    _assert_page_400(response, NUL_MESSAGE)
    assert "<h1>请求有误</h1>" in response.content.decode()


def test_infringement_api_nul_in_search_is_400_in_error_format(client):
    response = client.get(reverse("api:infringement-case-list"), {"q": "\x00"})
    error = _assert_api_400(response, fields=["q"])
    assert NUL_MESSAGE in error["message"]


def test_infringement_csv_nul_in_search_is_400_in_error_format(client):
    response = client.get(reverse("api:infringement-case-export"), {"q": "\x00"})
    _assert_api_400(response, fields=["q"])


def test_enterprise_directory_nul_in_path_is_400(client):
    response = client.get("/directory/enterprises/91360734%00/")
    _assert_page_400(response, "请删除后重试：网址路径。")


def test_cultivation_list_nul_in_county_is_400(client):
    client.force_login(user_with_role(Role.PROVINCIAL_ADMIN))
    response = client.get(reverse("promotion:cultivation_list"), {"county": "360734\x00"})
    _assert_page_400(response, NUL_MESSAGE)


@pytest.mark.parametrize(
    "url_name, params",
    [
        ("admin:supervision_infringementcase_changelist", {"state": "\x00"}),
        ("admin:certificates_certificate_changelist", {"status__exact": "\x00"}),
        ("admin:certificates_certificate_changelist", {"q": "\x00"}),
    ],
)
def test_admin_changelist_nul_in_filter_is_400(superuser_client, url_name, params):
    response = superuser_client.get(reverse(url_name), params)
    _assert_page_400(response, NUL_MESSAGE)


def test_nul_in_post_field_is_400_and_names_the_field(client):
    response = client.post(reverse("accounts:login"), {"username": "a\x00", "password": "x"})
    _assert_page_400(response, "username")


def test_nul_in_parameter_name_is_400(client):
    response = client.get(reverse("directory:list") + "?sort%00=1")
    _assert_page_400(response, NUL_MESSAGE)


def test_nul_refusal_page_is_english_in_english(client):
    response = client.get(
        reverse("supervision:case_list"), {"q": "\x00"}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert NUL_MESSAGE not in html and "NUL" in html


def test_other_bad_requests_get_the_400_page_with_a_generic_message(client):
    # Refused by a middleware before authentication: the page renders without a user.
    response = client.get(reverse("home"), HTTP_HOST="evil.example")
    _assert_page_400(response, "请求有误，无法处理。")


# --- the forms behind searches and filters refuse NUL themselves ------------------------


def _project_filtersets():
    # The apps' modules are imported by the URL conf; each FilterSet subclass of ours.
    from django_filters import FilterSet

    found, pending = [], [FilterSet]
    while pending:
        cls = pending.pop()
        pending += cls.__subclasses__()
        if not cls.__module__.startswith("django_filters"):
            found.append(cls)
    return sorted(found, key=lambda cls: cls.__qualname__)


def test_filtersets_refuse_nul_in_every_filter_as_a_field_error():
    filtersets = _project_filtersets()
    assert len(filtersets) >= 3
    for filterset_class in filtersets:
        names = list(filterset_class.base_filters)
        filterset = filterset_class(dict.fromkeys(names, "a\x00"))
        assert not filterset.is_valid(), filterset_class
        assert set(filterset.form.errors) == set(names), filterset_class


@pytest.mark.parametrize("form_class", [VerifyForm, ArticleFilterForm, FakeReportForm])
def test_forms_refuse_nul_in_every_field_as_a_field_error(form_class):
    form = form_class(dict.fromkeys(form_class.base_fields, "a\x00"))
    assert not form.is_valid()
    text_fields = [
        name
        for name, field in form_class.base_fields.items()
        if not isinstance(field, forms.FileField)
    ]
    assert set(form.errors) >= set(text_fields)


# --- ids -------------------------------------------------------------------------------


def test_notifications_malformed_id_is_400_and_marks_nothing_read(client):
    user = user_with_role(Role.ENTERPRISE_USER)
    notification = Notification.objects.create(recipient=user, title="通知", body="正文")
    client.force_login(user)
    response = client.post(reverse("accounts:notifications"), {"id": "abc"})
    _assert_page_400(response, "通知编号无效")
    notification.refresh_from_db()
    assert notification.read_at is None


def test_notifications_id_marks_that_one_read(client):
    user = user_with_role(Role.ENTERPRISE_USER)
    first, second = (
        Notification.objects.create(recipient=user, title=f"通知{n}", body="正文", key=f"k{n}")
        for n in (1, 2)
    )
    client.force_login(user)
    response = client.post(reverse("accounts:notifications"), {"id": f" {first.pk} "})
    assert response.status_code == 302
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.read_at is not None and second.read_at is None


def test_application_create_malformed_renewal_of_is_400(client):
    application = ApplicationFactory()
    user = user_with_role(Role.ENTERPRISE_USER, enterprise=application.enterprise)
    client.force_login(user)
    response = client.get(reverse("certification:application_create"), {"renewal_of": "1 OR 1"})
    _assert_page_400(response, "续期所依据的申请编号无效")


def test_admin_supersede_with_malformed_by_refuses_without_error(superuser_client):
    old = publishable_standard(state=StandardState.PUBLISHED)
    url = reverse("admin:standards_standard_transition", args=[old.pk, "supersede"])
    response = superuser_client.post(url, {"by": "abc"})
    assert response.status_code == 302
    assert Standard.objects.get(pk=old.pk).state == StandardState.PUBLISHED


# --- JSON bodies -----------------------------------------------------------------------


@pytest.fixture
def enterprise_client(client):
    client.force_login(user_with_role(Role.ENTERPRISE_USER))
    return client


def test_api_deeply_nested_json_is_400(enterprise_client):
    response = enterprise_client.post(
        reverse("api:product-list"), "[" * 5000, content_type="application/json"
    )
    error = _assert_api_400(response, code="parse_error")
    assert "嵌套过深" in error["message"]


@pytest.mark.parametrize("depth, refused", [(100, False), (101, True)])
def test_api_json_nesting_is_bounded_at_100(enterprise_client, depth, refused):
    body = {"name": "x"}
    for _ in range(depth - 1):
        body = {"name": body}
    response = enterprise_client.post(
        reverse("api:product-list"), json.dumps(body), content_type="application/json"
    )
    assert response.status_code == 400
    assert ("嵌套过深" in response.json()["error"]["message"]) is refused


def test_api_nul_in_json_string_is_400(enterprise_client):
    body = {"name": "脐橙", "category": "selenium_citrus\x00", "site_division": "360734"}
    response = enterprise_client.post(
        reverse("api:product-list"), json.dumps(body), content_type="application/json"
    )
    error = _assert_api_400(response, code="parse_error")
    assert "NUL" in error["message"]


# --- cookies ---------------------------------------------------------------------------


def test_session_cookie_with_nul_is_ignored(client):
    client.cookies["sessionid"] = "aaaaaaaa\x00bbbbbbbb"
    response = client.get(reverse("accounts:login"))
    assert response.status_code == 200
    assert not response.wsgi_request.user.is_authenticated


def test_cookies_without_nul_are_kept(client):
    client.force_login(user_with_role(Role.ENTERPRISE_USER))
    client.cookies["other"] = "x\x00"
    response = client.get(reverse("accounts:dashboard"))
    assert response.status_code == 200
    assert response.wsgi_request.user.is_authenticated
