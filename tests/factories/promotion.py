"""News and cases, cultivation entries and purchase links."""

import datetime
import itertools

import factory
from django.utils import timezone

from accounts.roles import Role
from certificates.enums import CertificateStatus
from certificates.models import Certificate
from certificates.services import valid_until
from promotion.enums import ArticleKind, ArticleStatus
from promotion.models import Article, CultivationEntry, PurchaseLink
from standards.models import ProductCategory

from .accounts import user_with_role
from .certificates import certified_application
from .enterprises import EnterpriseFactory, county


class ArticleFactory(factory.django.DjangoModelFactory):
    """A draft article of 寻乌县 by a provincial administrator."""

    class Meta:
        model = Article
        skip_postgeneration_save = True

    kind = ArticleKind.NEWS
    title = factory.Sequence(lambda n: f"寻乌县品牌建设动态{n}")
    summary = "寻乌县推进“江西绿色生态”品牌试点县创建工作。"
    body = "<h2>进展</h2><p>首批企业完成认证。</p>"
    county = factory.LazyFunction(county)
    author = factory.LazyFunction(lambda: user_with_role(Role.PROVINCIAL_ADMIN))

    class Params:
        published = factory.Trait(
            status=ArticleStatus.PUBLISHED, published_at=factory.LazyFunction(timezone.now)
        )

    @factory.post_generation
    def products(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.products.set(extracted)

    @factory.post_generation
    def enterprises(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.enterprises.set(extracted)


def sector(code: str | None = None) -> ProductCategory:
    """A top-level product category (农业 and its kin are loaded by a migration)."""
    queryset = ProductCategory.objects.filter(parent__isnull=True)
    return queryset.get(code=code) if code else queryset.first()


class CultivationEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CultivationEntry

    county = factory.LazyFunction(county)
    year = 2026
    enterprise = factory.SubFactory(EnterpriseFactory)
    product = None
    sector = factory.LazyFunction(sector)
    target = "2026年底前获得“江西绿色生态”认证"


class PurchaseLinkFactory(factory.django.DjangoModelFactory):
    """A link stored directly (the service's certificate check is tested on its own)."""

    class Meta:
        model = PurchaseLink

    platform = "京东"
    url = factory.Sequence(lambda n: f"https://item.jd.com/{100000 + n}.html")
    created_by = factory.LazyAttribute(
        lambda o: user_with_role(Role.ENTERPRISE_USER, enterprise=o.product.enterprise)
    )


_numbers = itertools.count(1)


def stored_certificate(application=None, *, status=CertificateStatus.VALID, issued_on=None):
    """A certificate row stored directly (no PDF, no workflow): cheap for list and count
    tests. Tests of the real issuing use `tests.factories.certificates.issued_certificate`."""
    application = application or certified_application()
    issued_on = issued_on or datetime.date.today()
    enterprise = application.enterprise
    return Certificate.objects.create(
        number=f"JXGE-{issued_on:%Y}-{enterprise.division.code}-P{next(_numbers):05d}",
        application=application,
        enterprise_name=enterprise.name,
        credit_code=enterprise.credit_code,
        product_name=application.product.name,
        standard_code=application.standard.code,
        standard_title=application.standard.title,
        body_name=application.certification_body.name,
        division_code=enterprise.division.code,
        issued_on=issued_on,
        valid_until=valid_until(issued_on),
        status=status,
    )
