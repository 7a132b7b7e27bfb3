"""Supervision: plans, recognised-brand citations, cases — through the real services."""

import datetime

import factory
from django.utils import timezone

from accounts.roles import Role
from supervision.models import InfringementCase, RecognisedBrand, RecognisedCertificateCitation

from .accounts import user_with_role
from .certificates import issued_certificate


def inspector(**fields):
    """A supervisor (市场监管人员): they form the inspector pool."""
    return user_with_role(Role.SUPERVISOR, **fields)


def brand(name: str = "圳品") -> RecognisedBrand:
    """A brand the data migration loaded."""
    return RecognisedBrand.objects.get(name=name)


class CitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RecognisedCertificateCitation

    application = None
    brand = factory.LazyFunction(brand)
    number = factory.Sequence(lambda n: f"SZ-{n:06d}")
    valid_until = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=365))
    verified = True


def certificates_in_scope(count: int, **application_fields):
    """`count` issued certificates, each of a different enterprise."""
    return [issued_certificate(**application_fields) for _ in range(count)]


class CaseFactory(factory.django.DjangoModelFactory):
    """A reported case (state set only by services)."""

    class Meta:
        model = InfringementCase

    source = "public_form"
    party_name = factory.Sequence(lambda n: f"涉事商行{n}")
    place = factory.Sequence(lambda n: f"赣州市章贡区测试市场{n}号摊位")
    description = "销售贴有伪造“江西绿色生态”标识的脐橙。"
    reporter_contact = "13900000000"


def plan(user=None, **fields):
    """A plan through the service (seed committed), by a supervisor unless given."""
    from supervision.services import plan_create

    fields.setdefault("title", "2026年第一批双随机抽查")
    fields.setdefault("enterprise_count", 2)
    return plan_create(user=user or inspector(), **fields)
