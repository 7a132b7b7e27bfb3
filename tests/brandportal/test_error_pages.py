"""403, 404 and 500 in the site's layout, in Chinese and in English, in production mode."""

import re

import pytest
from django.template.loader import render_to_string
from django.test import Client
from django.urls import path
from django.utils import translation

from accounts.roles import Role
from brandportal import urls as root_urls
from tests.factories.accounts import user_with_role

CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")


def _boom(request):
    raise RuntimeError("a bug")


urlpatterns = [*root_urls.urlpatterns, path("boom/", _boom)]
handler400 = root_urls.handler400


@pytest.fixture
def production(settings):
    settings.DEBUG = False
    settings.ROOT_URLCONF = __name__
    return settings


def _english(client: Client) -> Client:
    client.cookies["django_language"] = "en"
    return client


@pytest.mark.django_db
def test_not_found_page_is_chinese_in_the_layout_with_a_way_back(client, production):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert 'data-error="404"' in html and "页面不存在" in html
    assert "<header" in html  # the site's own layout, not Django's bare page
    assert 'href="/"' in html


@pytest.mark.django_db
def test_not_found_page_in_english_has_no_chinese_outside_the_language_menu(client, production):
    response = _english(client).get("/no-such-page/")
    assert response.status_code == 404
    main = response.content.decode().split("<main", 1)[1].split("</main>", 1)[0]
    assert "Page not found" in main
    assert not CJK.search(main), CJK.findall(main)


@pytest.mark.django_db
def test_forbidden_page_is_chinese_in_the_layout(client, production):
    # A supervisor has no enterprise: the purchase-link pages are refused.
    client.force_login(user_with_role(Role.SUPERVISOR))
    response = client.get("/enterprise/purchase-links/")
    assert response.status_code == 403
    html = response.content.decode()
    assert 'data-error="403"' in html and "没有访问权限" in html and "<header" in html


@pytest.mark.django_db
def test_forbidden_page_in_english(client, production):
    client.force_login(user_with_role(Role.SUPERVISOR))
    response = _english(client).get("/enterprise/purchase-links/")
    assert response.status_code == 403
    assert "Access denied" in response.content.decode()


@pytest.mark.django_db
def test_server_error_page_is_chinese_in_the_layout(production):
    client = Client(raise_request_exception=False)
    response = client.get("/boom/")
    assert response.status_code == 500
    html = response.content.decode()
    assert 'data-error="500"' in html and "服务器出错了" in html and "<header" in html


def test_server_error_page_renders_without_any_context():
    # Django renders 500.html with an empty context (no request, no context processors).
    html = render_to_string("500.html")
    assert "服务器出错了" in html
    with translation.override("en"):
        assert "Server error" in render_to_string("500.html")
