"""Citations of recognised certificates: the enterprise adds, the reviewer verifies."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from accounts.rules import can
from brandportal.dates import date_errors, not_expired
from brandportal.files import validate_upload

from ..enums import ReviewStep
from ..models import RecognisedCertificateCitation


def citation_add(
    *, application, user, brand, number: str, valid_until: datetime.date, upload=None
) -> RecognisedCertificateCitation:
    """Cite a recognised brand's certificate on one of the user's editable applications."""
    citation = RecognisedCertificateCitation(
        application=application, brand=brand, number=(number or "").strip(), valid_until=valid_until
    )
    if not can(user, "supervision.add_recognisedcertificatecitation", citation):
        raise PermissionDenied
    errors = date_errors(RecognisedCertificateCitation, valid_until=valid_until)
    if "valid_until" not in errors:
        try:
            not_expired(valid_until, field="valid_until")
        except ValidationError as error:
            errors.update(error.message_dict)
    if not brand.is_active:
        errors["brand"] = _("该品牌当前不在互认范围内。")
    if upload:
        try:
            citation.file_kind = validate_upload(upload)
            citation.file = upload
        except ValidationError as error:
            errors["file"] = error.messages
    if errors:
        raise ValidationError(errors)
    try:
        with transaction.atomic():
            citation.save()
    except IntegrityError:
        raise ValidationError({"number": _("本申请已引用该证书。")}) from None
    return citation


def citation_verify(
    *, citation, user, verified: bool, replaced_steps=(), reviewer_note: str = ""
) -> RecognisedCertificateCitation:
    """The reviewer confirms the certificate and records which review steps it replaces."""
    if not can(user, "supervision.change_recognisedcertificatecitation", citation):
        raise PermissionDenied
    steps = [ReviewStep(step).value for step in replaced_steps]
    if steps and not verified:
        raise ValidationError({"replaced_steps": _("未核实的证书不能替代评审环节。")})
    citation.verified = verified
    citation.replaced_steps = steps
    citation.reviewer_note = reviewer_note
    citation.verified_by = user if verified else None
    citation.save(update_fields=["verified", "replaced_steps", "reviewer_note", "verified_by"])
    return citation
