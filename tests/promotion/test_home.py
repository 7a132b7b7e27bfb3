"""The home page: live figures counted from the records, latest cases and news."""

import re

import pytest
from django.urls import reverse

from certificates.enums import CertificateStatus
from pilots.models import PilotCounty
from promotion.enums import ArticleKind
from promotion.selectors import home_figures
from standards.enums import StandardState
from standards.models import Standard
from tests.factories import PilotCountyFactory, county
from tests.factories.certification import ApplicationFactory, ProductFactory, ScoredStandardFactory
from tests.factories.enterprises import EnterpriseFactory
from tests.factories.promotion import ArticleFactory, stored_certificate

pytestmark = pytest.mark.django_db


def _figures(content: str) -> dict[str, int]:
    return {name: int(value) for name, value in re.findall(r'data-figure="(\w+)">(\d+)<', content)}


def test_home_figures_match_the_records(client):
    # Enterprise A: two products with valid certificates (one enterprise, two products).
    enterprise_a = EnterpriseFactory()
    for _ in range(2):
        stored_certificate(ApplicationFactory(product=ProductFactory(enterprise=enterprise_a)))
    # Enterprise B: one valid, one suspended (the suspended one is not counted).
    enterprise_b = EnterpriseFactory()
    stored_certificate(ApplicationFactory(product=ProductFactory(enterprise=enterprise_b)))
    stored_certificate(
        ApplicationFactory(product=ProductFactory(enterprise=enterprise_b)),
        status=CertificateStatus.SUSPENDED,
    )
    # Enterprise C: revoked only; enterprise D: past its validity, not yet swept.
    stored_certificate(
        ApplicationFactory(product=ProductFactory(enterprise=EnterpriseFactory())),
        status=CertificateStatus.REVOKED,
    )
    import datetime

    stored_certificate(
        ApplicationFactory(product=ProductFactory(enterprise=EnterpriseFactory())),
        issued_on=datetime.date(2020, 1, 1),
    )
    ScoredStandardFactory(state=StandardState.DRAFTING)
    PilotCountyFactory(division=county("360734"))
    PilotCountyFactory(division=county("360726"))

    expected = {
        "enterprises": 2,
        "products": 3,
        "standards": Standard.objects.published().count(),
        "pilot_counties": PilotCounty.objects.count(),
    }
    assert expected["pilot_counties"] == 2
    assert home_figures() == expected
    response = client.get(reverse("home"))
    assert _figures(response.content.decode()) == expected


def test_home_figures_follow_a_certificate_that_stops_being_valid(client):
    certificate = stored_certificate()
    assert _figures(client.get("/").content.decode())["products"] == 1
    certificate.status = CertificateStatus.REVOKED
    certificate.save()
    assert _figures(client.get("/").content.decode())["products"] == 0


def test_home_lists_latest_cases_and_news_and_not_drafts(client):
    ArticleFactory(published=True, kind=ArticleKind.CASE, title="案例甲")
    ArticleFactory(published=True, kind=ArticleKind.NEWS, title="动态乙")
    ArticleFactory(kind=ArticleKind.CASE, title="草稿丙")
    content = client.get("/").content.decode()
    assert "案例甲" in content and "动态乙" in content
    assert "草稿丙" not in content


def test_home_has_the_verification_box_leading_to_the_verify_page(client):
    certificate = stored_certificate()
    content = client.get("/").content.decode()
    assert f'action="{reverse("certificates:verify_search")}"' in content
    response = client.get(reverse("certificates:verify_search"), {"number": certificate.number})
    assert response.status_code == 302
    assert response["Location"] == reverse("certificates:verify", args=[certificate.number])


def test_home_page_query_count_does_not_grow_with_articles(client, django_assert_max_num_queries):
    for n in range(6):
        ArticleFactory(published=True, kind=ArticleKind.CASE if n % 2 else ArticleKind.NEWS)
    with django_assert_max_num_queries(12):
        client.get("/")


def test_home_directory_search_box_gets_the_directory(client):
    content = client.get("/").content.decode()
    assert f'action="{reverse("directory:list")}"' in content
    assert 'name="q"' in content


@pytest.mark.urls("tests.promotion.urls_without_directory")
def test_home_without_a_directory_has_no_search_box(client):
    content = client.get("/").content.decode()
    assert 'name="q"' not in content
    assert 'name="number"' in content
