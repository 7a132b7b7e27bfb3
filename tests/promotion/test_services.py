"""The promotion services called directly, as every front end (editor, admin, API) does."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models.signals import pre_save

from accounts.roles import Role
from promotion import services
from promotion.enums import ArticleKind
from promotion.models import PurchaseLink
from tests.factories import county, user_with_role
from tests.factories.certification import ProductFactory
from tests.factories.promotion import ArticleFactory, stored_certificate

pytestmark = pytest.mark.django_db

XUNWU, ANYUAN = "360734", "360726"


def _fields(**overrides):
    fields = {"kind": ArticleKind.NEWS, "title": "标题", "summary": "摘要", "body": "<p>正文</p>"}
    fields.update(overrides)
    return fields


@pytest.mark.parametrize("given", [ANYUAN, None])
def test_article_save_by_an_official_writes_for_their_county_whatever_is_given(given):
    # The forms only offer the official's county; the service holds the rule for any
    # caller that skips them. None would make a province-wide article.
    official = user_with_role(Role.COUNTY_OFFICIAL, county=county(XUNWU))
    article = services.article_save(
        user=official, **_fields(county=county(given) if given else None)
    )
    article.refresh_from_db()
    assert article.county == county(XUNWU)


def test_article_save_of_an_officials_article_cannot_move_it_to_another_county():
    official = user_with_role(Role.COUNTY_OFFICIAL, county=county(XUNWU))
    article = ArticleFactory(county=county(XUNWU))
    services.article_save(user=official, article=article, county=county(ANYUAN))
    article.refresh_from_db()
    assert article.county == county(XUNWU)


@pytest.mark.parametrize("given", [ANYUAN, None])
def test_article_save_by_a_provincial_admin_keeps_the_county_given(given):
    # Also when the administrator holds a county official's role for some county.
    admin = user_with_role(Role.PROVINCIAL_ADMIN, county=county(XUNWU))
    admin.add_role(Role.COUNTY_OFFICIAL)
    article = services.article_save(user=admin, **_fields(county=county(given) if given else None))
    article.refresh_from_db()
    assert article.county == (county(given) if given else None)


def test_article_save_of_another_countys_article_by_an_official_is_refused():
    article = ArticleFactory(county=county(ANYUAN), title="安远")
    official = user_with_role(Role.COUNTY_OFFICIAL, county=county(XUNWU))
    with pytest.raises(PermissionDenied):
        services.article_save(user=official, article=article, title="改")
    article.refresh_from_db()
    assert article.title == "安远"


def test_purchase_link_add_of_the_same_url_twice_is_refused():
    # The URL is compared after trimming; the model's constraint gives the message.
    product = stored_certificate().application.product
    user = user_with_role(Role.ENTERPRISE_USER, enterprise=product.enterprise)
    url = "https://shop.example.com/1"
    services.purchase_link_add(user=user, product=product, platform="京东", url=url)
    with pytest.raises(ValidationError) as error:
        services.purchase_link_add(user=user, product=product, platform="天猫", url=f" {url} ")
    assert error.value.messages == ["该产品已添加过这个网址。"]
    assert PurchaseLink.objects.count() == 1


def test_purchase_link_add_without_a_valid_certificate_says_why():
    product = ProductFactory()
    user = user_with_role(Role.ENTERPRISE_USER, enterprise=product.enterprise)
    with pytest.raises(ValidationError) as error:
        services.purchase_link_add(
            user=user, product=product, platform="京东", url="https://shop.example.com/1"
        )
    assert error.value.messages == ["只有持有效证书的产品才能添加购买渠道。"]


def test_purchase_link_add_losing_a_race_is_an_error_on_the_url():
    # Another request stores the same URL between this one's check and its INSERT: the
    # unique constraint answers, and the user gets the URL field's message, not a 500.
    product = stored_certificate().application.product
    user = user_with_role(Role.ENTERPRISE_USER, enterprise=product.enterprise)
    url = "https://shop.example.com/1"

    def other_request_wins(sender, instance, **kwargs):
        # bulk_create sends no signal: the competing row is stored as it is.
        PurchaseLink.objects.bulk_create(
            [PurchaseLink(product=product, platform="京东", url=url, created_by=user)]
        )

    pre_save.connect(other_request_wins, sender=PurchaseLink)
    try:
        with pytest.raises(ValidationError) as error:
            services.purchase_link_add(user=user, product=product, platform="天猫", url=url)
    finally:
        pre_save.disconnect(other_request_wins, sender=PurchaseLink)
    assert error.value.message_dict == {"url": ["该产品已添加过这个网址。"]}
