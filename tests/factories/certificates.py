"""Certified applications and issued certificates, through the real services."""

import datetime

import factory

from certificates.models import Certificate
from certificates.services import certificate_issue
from certification.enums import Action

from .certification import ApplicationFactory, advance


def certified_application(**fields):
    """An application walked to 已认证 (its issuing task not run: tests call it)."""
    return advance(ApplicationFactory(**fields), Action.SUBMIT, Action.ACCEPT, Action.CERTIFY)


def issued_certificate(application=None, **fields) -> Certificate:
    """A certificate issued by the service for a (new) certified application."""
    application = application or certified_application(**fields)
    return certificate_issue(application_id=application.pk)


class CertificateSnapshotFactory(factory.django.DjangoModelFactory):
    """The facts a certificate states, for rendering without a database (`.build()`)."""

    class Meta:
        model = Certificate

    number = factory.Sequence(lambda n: f"JXGE-2026-360734-{n + 1:04d}")
    enterprise_name = "寻乌县绿源果业有限公司"
    credit_code = "91360734MA39TC8P6H"
    product_name = "寻乌富硒脐橙（特级果）"
    scope = "寻乌富硒脐橙（特级果）（富硒柑橘），按 T/JXGE 001-2024 评价"
    site_address = "江西省赣州市寻乌县文峰乡石排村"
    standard_code = "T/JXGE 001-2024"
    standard_title = "“江西绿色生态”品牌评价 富硒柑橘"
    body_name = "江西省绿色生态产品认证中心有限公司"
    division_code = "360734"
    issued_on = datetime.date(2026, 11, 23)
    valid_until = datetime.date(2029, 11, 22)
