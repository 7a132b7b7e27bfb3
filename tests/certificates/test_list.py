"""The list of certificates a user may download, and the snippet for application pages."""

import pytest
from django.template.loader import render_to_string
from django.urls import reverse

from accounts.roles import Role
from tests.factories import user_with_role
from tests.factories.certificates import issued_certificate
from tests.factories.certification import ApplicationFactory, reviewer_for

pytestmark = pytest.mark.django_db


def _numbers(client, user):
    client.force_login(user)
    response = client.get(reverse("certificates:list"))
    assert response.status_code == 200
    return {c.number for c in response.context["page"].object_list}


def test_certificate_list_shows_what_each_may_download(client):
    mine = issued_certificate()
    other = issued_certificate()
    assert _numbers(client, mine.application.created_by) == {mine.number}
    assert _numbers(client, reviewer_for(other.application)) == {other.number}
    assert _numbers(client, user_with_role(Role.SUPERVISOR)) == {mine.number, other.number}
    assert _numbers(client, user_with_role(Role.COUNTY_OFFICIAL)) == set()


def test_certificate_list_needs_login(client):
    response = client.get(reverse("certificates:list"))
    assert response.status_code == 302


def test_certificate_list_query_count_does_not_grow(client, django_assert_max_num_queries):
    official = user_with_role(Role.SUPERVISOR)
    issued_certificate()
    client.force_login(official)
    with django_assert_max_num_queries(12) as few:
        client.get(reverse("certificates:list"))
    for _ in range(3):
        issued_certificate()
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("certificates:list"))


def test_application_snippet_links_the_certificate():
    certificate = issued_certificate()
    html = render_to_string(
        "certificates/_application_certificate.html",
        {"certificate": certificate.application.certificate},
    )
    assert reverse("certificates:download", args=[certificate.number]) in html
    assert 'data-status="valid"' in html
    without = ApplicationFactory()
    assert "下载证书" not in render_to_string(
        "certificates/_application_certificate.html",
        {"certificate": getattr(without, "certificate", None)},
    )
