"""Certified applications and issued certificates, through the real services."""

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
