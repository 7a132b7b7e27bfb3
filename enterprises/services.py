"""Writes on enterprises."""

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction

from accounts.models import User
from accounts.rules import can

from .models import Enterprise


class DuplicateCreditCode(Exception):
    """Another enterprise holds the same credit code (possibly registered a moment ago)."""


def enterprise_register(*, user: User, **fields) -> Enterprise:
    """Create the enterprise profile of a confirmed enterprise user and attach the user.

    Raises ValidationError for bad fields, DuplicateCreditCode when the code is taken
    (also by a concurrent registration), PermissionDenied when the user may not.
    """
    if not can(user, "enterprises.register_enterprise"):
        raise PermissionDenied
    enterprise = Enterprise(**fields)
    enterprise.full_clean(validate_unique=False)
    try:
        with transaction.atomic():
            locked = User.objects.select_for_update().get(pk=user.pk)
            if locked.enterprise_id is not None:
                raise PermissionDenied
            enterprise.save()
            locked.enterprise = enterprise
            locked.save(update_fields=["enterprise"])
    except IntegrityError as error:
        raise DuplicateCreditCode from error
    user.enterprise = enterprise
    return enterprise


def enterprise_update(*, user: User, enterprise: Enterprise, **fields) -> Enterprise:
    if not can(user, "enterprises.change_enterprise", enterprise):
        raise PermissionDenied
    for name, value in fields.items():
        setattr(enterprise, name, value)
    enterprise.full_clean(validate_unique=False)
    try:
        with transaction.atomic():
            enterprise.save()
    except IntegrityError as error:
        raise DuplicateCreditCode from error
    return enterprise
