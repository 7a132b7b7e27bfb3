"""Listings in step with what they list: the product's category, as products change."""

import pytest

from certification import services as certification_services
from directory.models import Listing
from tests.factories import category
from tests.factories.directory import listed_certificate

pytestmark = pytest.mark.django_db


def _move(certificate, **changes):
    """The owner edits the certified product through the certification service."""
    product = certificate.application.product
    for name, value in changes.items():
        setattr(product, name, value)
    certification_services.product_save(user=certificate.application.created_by, product=product)


def test_listing_follows_its_product_to_another_category(client):
    certificate = listed_certificate(product__category=category("selenium_citrus"))
    before = Listing.objects.get(certificate=certificate).updated_at
    _move(certificate, category=category("passion_fruit"))
    listing = Listing.objects.get(certificate=certificate)
    assert listing.category == category("passion_fruit")
    # API clients fetch what changed since their last sync by updated_at.
    assert listing.updated_at > before
    html = client.get("/directory/", {"category": "passion_fruit"}).content.decode()
    assert certificate.number in html
    html = client.get("/directory/", {"category": "selenium_citrus"}).content.decode()
    assert certificate.number not in html


def test_listing_is_not_touched_when_its_product_keeps_its_category():
    certificate = listed_certificate(product__category=category("selenium_citrus"))
    before = Listing.objects.get(certificate=certificate).updated_at
    _move(certificate, description="新的产品介绍")
    listing = Listing.objects.get(certificate=certificate)
    assert (listing.category, listing.updated_at) == (category("selenium_citrus"), before)
