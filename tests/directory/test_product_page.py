"""The public product page: the enterprise's photo and description, and why it is green."""

import pytest
from django.urls import reverse

from certification.models import IndicatorScore
from certification.services import product_photo_add
from standards.enums import IndicatorKind
from tests.factories.certificates import issued_certificate
from tests.factories.images import image_upload

pytestmark = pytest.mark.django_db


def _page(client, certificate) -> str:
    response = client.get(reverse("directory:detail", args=[certificate.number]))
    assert response.status_code == 200
    return response.content.decode()


def test_product_page_shows_each_assessed_indicator_under_its_dimension(client):
    certificate = issued_certificate()
    scores = IndicatorScore.objects.filter(review__application=certificate.application)
    assert scores.exists()
    html = _page(client, certificate)
    assert "绿色在哪里" in html
    for score in scores.select_related("indicator"):
        assert score.indicator.name in html
        assert score.indicator.get_dimension_display() in html
    mandatory = [s for s in scores if s.indicator.kind == IndicatorKind.MANDATORY]
    scored = [s for s in scores if s.indicator.kind == IndicatorKind.SCORED]
    assert mandatory and scored
    assert html.count('class="met"') == len(mandatory)
    assert "已评分" in html


def test_product_page_never_shows_scores(client):
    certificate = issued_certificate()
    IndicatorScore.objects.filter(
        review__application=certificate.application, indicator__kind=IndicatorKind.SCORED
    ).update(score="17.3")
    assert "17.3" not in _page(client, certificate)


def test_product_page_without_a_review_on_record_says_so(client):
    certificate = issued_certificate()
    IndicatorScore.objects.filter(review__application=certificate.application).delete()
    certificate.application.reviews.all().delete()
    assert "该证书的逐项评价记录暂未公开。" in _page(client, certificate)


def test_product_page_shows_the_enterprises_photo_and_description(client):
    certificate = issued_certificate()
    product = certificate.application.product
    product.description = "生长于富硒土壤，果园全程绿色防控。"
    product.save(update_fields=["description"])
    photo = product_photo_add(
        user=certificate.application.created_by,
        product=product,
        image=image_upload(),
    )
    html = _page(client, certificate)
    assert "生长于富硒土壤，果园全程绿色防控。" in html
    assert photo.image.url in html
    assert "产品照片与描述由企业提供。" in html
