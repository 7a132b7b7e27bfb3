"""Where to buy: links only for products with a valid certificate, https only."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.template import Context, Template
from django.urls import reverse

from accounts.roles import Role
from certificates.enums import CertificateStatus
from promotion import services
from promotion.models import PurchaseLink
from promotion.selectors import public_purchase_links
from tests.factories import user_with_role
from tests.factories.certification import ApplicationFactory, ProductFactory
from tests.factories.promotion import PurchaseLinkFactory, stored_certificate

pytestmark = pytest.mark.django_db


@pytest.fixture
def certified():
    """A product with a valid certificate, and a user of its enterprise."""
    certificate = stored_certificate()
    product = certificate.application.product
    user = user_with_role(Role.ENTERPRISE_USER, enterprise=product.enterprise)
    return certificate, product, user


def _add_url(product):
    return reverse("promotion:purchase_link_add", args=[product.pk])


def _post(product, platform, url):
    return {f"p{product.pk}-platform": platform, f"p{product.pk}-url": url}


def test_enterprise_adds_an_https_link_to_its_certified_product(client, certified):
    _certificate, product, user = certified
    client.force_login(user)
    response = client.post(_add_url(product), _post(product, "天猫", "https://shop.example.com/1"))
    assert response.status_code == 302
    link = PurchaseLink.objects.get()
    assert (link.product, link.platform, link.url, link.created_by) == (
        product,
        "天猫",
        "https://shop.example.com/1",
        user,
    )


@pytest.mark.parametrize(
    "url",
    [
        "http://shop.example.com/1",
        "shop.example.com/1",
        "javascript:alert(1)",
        "ftp://shop.example.com/1",
        "https://",
        "不是网址",
        "https://exa mple.com",
    ],
)
def test_purchase_link_that_is_not_a_well_formed_https_url_is_a_field_error(client, certified, url):
    _certificate, product, user = certified
    client.force_login(user)
    response = client.post(_add_url(product), _post(product, "京东", url))
    assert response.status_code == 400
    assert not PurchaseLink.objects.exists()
    form = next(row["form"] for row in response.context["rows"] if row["product"] == product)
    assert "请输入以 https:// 开头的完整有效网址" in form.errors["url"][0]


def test_purchase_link_is_refused_for_a_product_without_a_valid_certificate(client):
    product = ProductFactory()
    user = user_with_role(Role.ENTERPRISE_USER, enterprise=product.enterprise)
    with pytest.raises(ValidationError):
        services.purchase_link_add(
            user=user, product=product, platform="京东", url="https://shop.example.com/1"
        )
    client.force_login(user)
    response = client.post(_add_url(product), _post(product, "京东", "https://shop.example.com/1"))
    assert response.status_code == 400
    assert "只有持有效证书的产品才能添加购买渠道" in response.content.decode()
    assert not PurchaseLink.objects.exists()


@pytest.mark.parametrize("status", [CertificateStatus.SUSPENDED, CertificateStatus.REVOKED])
def test_purchase_link_is_refused_while_the_certificate_is_not_valid(status):
    certificate = stored_certificate(status=status)
    product = certificate.application.product
    user = user_with_role(Role.ENTERPRISE_USER, enterprise=product.enterprise)
    with pytest.raises(ValidationError):
        services.purchase_link_add(
            user=user, product=product, platform="京东", url="https://shop.example.com/1"
        )


def test_purchase_link_to_another_enterprises_product_is_404_or_refused(client, certified):
    _certificate, product, _user = certified
    stranger = user_with_role(Role.ENTERPRISE_USER)
    client.force_login(stranger)
    response = client.post(_add_url(product), _post(product, "京东", "https://shop.example.com/1"))
    assert response.status_code == 404
    with pytest.raises(PermissionDenied):
        services.purchase_link_add(
            user=stranger, product=product, platform="京东", url="https://shop.example.com/1"
        )
    assert not PurchaseLink.objects.exists()


def test_purchase_links_are_hidden_when_the_certificate_stops_being_valid(certified):
    certificate, product, _user = certified
    link = PurchaseLinkFactory(product=product)
    assert public_purchase_links(product) == [link]
    certificate.status = CertificateStatus.SUSPENDED
    certificate.save()
    assert public_purchase_links(product) == []
    certificate.status = CertificateStatus.VALID
    certificate.save()
    assert public_purchase_links(product) == [link]


def test_purchase_links_include_renders_for_a_product_or_a_listing(certified):
    certificate, product, _user = certified
    PurchaseLinkFactory(product=product, platform="拼多多", url="https://pdd.example.com/9")
    template = Template('{% include "promotion/_purchase_links.html" %}')
    html = template.render(Context({"product": product}))
    assert 'href="https://pdd.example.com/9"' in html and "拼多多" in html

    class Listing:  # the directory's listing: anything with a .product
        pass

    listing = Listing()
    listing.product = product
    assert "拼多多" in template.render(Context({"listing": listing}))
    certificate.status = CertificateStatus.REVOKED
    certificate.save()
    assert "拼多多" not in template.render(Context({"product": product}))
    assert template.render(Context({})).strip() == ""


def test_duplicate_purchase_link_is_a_field_error(client, certified):
    _certificate, product, user = certified
    PurchaseLinkFactory(product=product, url="https://shop.example.com/1")
    client.force_login(user)
    response = client.post(_add_url(product), _post(product, "京东", "https://shop.example.com/1"))
    assert response.status_code == 400
    assert PurchaseLink.objects.count() == 1


def test_enterprise_deletes_its_own_link_but_not_anothers(client, certified):
    _certificate, product, user = certified
    link = PurchaseLinkFactory(product=product)
    foreign = PurchaseLinkFactory(product=stored_certificate().application.product)
    client.force_login(user)
    delete = "promotion:purchase_link_delete"
    assert client.post(reverse(delete, args=[foreign.pk])).status_code == 404
    assert client.post(reverse(delete, args=[link.pk])).status_code == 302
    assert list(PurchaseLink.objects.all()) == [foreign]


def test_purchase_links_page_lists_own_products_with_the_form_only_for_certified(client, certified):
    _certificate, product, user = certified
    uncertified = ApplicationFactory(product=ProductFactory(enterprise=product.enterprise)).product
    client.force_login(user)
    response = client.get(reverse("promotion:purchase_links"))
    content = response.content.decode()
    assert product.name in content and uncertified.name in content
    assert _add_url(product) in content
    assert _add_url(uncertified) not in content


def test_purchase_links_page_is_for_enterprise_users(client):
    client.force_login(user_with_role(Role.SUPERVISOR))
    assert client.get(reverse("promotion:purchase_links")).status_code == 403


def test_directory_product_page_shows_the_links_while_the_certificate_is_valid(client, certified):
    certificate, product, _user = certified
    PurchaseLinkFactory(product=product, platform="天猫旗舰店", url="https://tmall.example.com/7")
    url = reverse("directory:detail", args=[certificate.number])
    content = client.get(url).content.decode()
    assert "购买渠道" in content
    assert 'href="https://tmall.example.com/7"' in content
    certificate.status = CertificateStatus.SUSPENDED
    certificate.save()
    content = client.get(url).content.decode()
    assert "https://tmall.example.com/7" not in content
