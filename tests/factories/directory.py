"""Listed certificates for directory and API tests.

`listed_certificate` stores a certificate directly (no workflow, no PDF) so that lists of
a hundred rows stay cheap; the directory's receivers list it like any issued one. Tests
of status changes use `issued_certificate` and `advance` (the real services) instead.
"""

import itertools

from certificates.enums import CertificateStatus
from certificates.models import Certificate
from certificates.services import valid_until
from directory.models import WebhookClient

from .accounts import user_with_role
from .certification import ApplicationFactory

_numbers = itertools.count(1)


def listed_certificate(
    *, status=CertificateStatus.VALID, application=None, issued_on=None, **application_fields
):
    import datetime

    application = application or ApplicationFactory(**application_fields)
    issued_on = issued_on or datetime.date(2026, 1, 15)
    enterprise = application.enterprise
    return Certificate.objects.create(
        number=f"JXGE-2026-{enterprise.division.code}-T{next(_numbers):05d}",
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


def webhook_client(url: str, events, **fields) -> WebhookClient:
    from accounts.roles import Role

    fields.setdefault("owner", user_with_role(Role.PROVINCIAL_ADMIN))
    return WebhookClient.objects.create(
        name=fields.pop("name", "测试客户端"), url=url, events=list(events), **fields
    )
