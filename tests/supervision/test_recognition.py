"""Recognised brands: the registry, citations, and what product pages may show."""

import datetime

import pytest
from django.utils import timezone

from certification.enums import Action
from supervision.models import RecognisedBrand
from supervision.selectors import recognised_certificates_for_product
from tests.factories.certificates import issued_certificate
from tests.factories.certification import ApplicationFactory, advance
from tests.factories.supervision import CitationFactory, brand

pytestmark = pytest.mark.django_db

BRAND_NAMES = ["上海品牌", "江苏精品", "品字标浙江制造", "圳品", "赣出精品", "赣鄱正品", "江西好礼"]


def test_recognised_brands_are_loaded_by_the_migration():
    assert list(RecognisedBrand.objects.values_list("name", flat=True)) == BRAND_NAMES


def test_recognised_certificates_for_product_lists_verified_citations_of_certified_products():
    certificate = issued_certificate()
    citation = CitationFactory(application=certificate.application)
    product = certificate.application.product
    assert recognised_certificates_for_product(product) == [citation]
    assert recognised_certificates_for_product(product)[0].brand.name == "圳品"


@pytest.mark.parametrize(
    "change",
    ["unverified", "expired", "brand_inactive", "not_certified", "revoked"],
)
def test_recognised_certificates_for_product_hides_citation_when(change):
    if change == "not_certified":
        application = ApplicationFactory()
    else:
        application = issued_certificate().application
    citation = CitationFactory(application=application)
    if change == "unverified":
        citation.verified = False
        citation.save()
    elif change == "expired":
        citation.valid_until = timezone.localdate() - datetime.timedelta(days=1)
        citation.save()
    elif change == "brand_inactive":
        RecognisedBrand.objects.filter(pk=citation.brand_id).update(is_active=False)
    elif change == "revoked":
        advance(application, Action.REVOKE)
    assert recognised_certificates_for_product(application.product) == []


def test_recognised_certificates_for_product_lists_each_brand_held():
    certificate = issued_certificate()
    CitationFactory(application=certificate.application, brand=brand("赣鄱正品"))
    CitationFactory(application=certificate.application, brand=brand("圳品"))
    names = [
        c.brand.name for c in recognised_certificates_for_product(certificate.application.product)
    ]
    assert names == ["圳品", "赣鄱正品"]
