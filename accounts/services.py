"""Writes on accounts: registration, e-mail confirmation, roles, API tokens, lockouts."""

from axes.handlers.proxy import AxesProxyHandler
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from .lockout import login_username
from .models import User
from .roles import STAFF_ROLES, Role
from .tokens import email_confirmation_token


def register_enterprise_user(*, email: str, full_name: str, password: str, phone: str = "") -> User:
    """Create an enterprise user account and send the e-mail confirmation link."""
    with transaction.atomic():
        user = User.objects.create_user(
            email=email, password=password, full_name=full_name, phone=phone
        )
        user.add_role(Role.ENTERPRISE_USER)
        transaction.on_commit(lambda: send_confirmation_email(user=user))
    return user


def confirmation_url(user: User) -> str:
    path = reverse(
        "accounts:confirm_email",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": email_confirmation_token.make_token(user),
        },
    )
    return f"{settings.SITE_URL}{path}"


def send_confirmation_email(*, user: User) -> None:
    context = {"user": user, "url": confirmation_url(user)}
    send_mail(
        subject=_("【江西绿色生态】请确认您的电子邮箱"),
        message=render_to_string("accounts/email/confirm_email.txt", context),
        from_email=None,
        recipient_list=[user.email],
    )


def confirm_email(*, user: User, token: str) -> bool:
    """Mark the address confirmed if the token is valid.

    The answer depends on the token alone: a confirmed address makes its old links
    invalid, so a bad link says nothing about whether the account exists or is confirmed.
    """
    if not email_confirmation_token.check_token(user, token):
        return False
    user.email_verified_at = timezone.now()
    user.save(update_fields=["email_verified_at"])
    return True


def login_lockout_lift(*, email: str) -> int:
    """Forget the account's failed logins from every address; returns how many records."""
    return AxesProxyHandler.reset_attempts(username=login_username(None, {"username": email}))


class RoleNotAssignable(PermissionDenied):
    """The acting user may not hand out one of the roles asked for."""


def user_set_roles(*, user: User, roles, by: User) -> None:
    """Give `user` exactly `roles` among the roles `by` hands out, admin access in step.

    Roles `by` does not hand out are left as they are; asking for one is refused.
    """
    from django.contrib.auth.models import Group

    from .rules import can

    roles = set(roles)
    for role in roles:
        if not can(by, "accounts.assign_role", role):
            raise RoleNotAssignable(_("您无权授予该角色。"))
    delegated = {role for role in Role if can(by, "accounts.assign_role", role)}
    with transaction.atomic():
        user.groups.remove(*Group.objects.filter(name__in=delegated - roles))
        user.groups.add(*Group.objects.filter(name__in=roles))
        held = set(user.groups.values_list("name", flat=True))
        user.is_staff = bool(held & STAFF_ROLES) or user.is_superuser
        user.save(update_fields=["is_staff"])
    user.__dict__.pop("roles", None)


def api_token_issue(*, user: User) -> str:
    """Issue a new API token for `user` and return it: the only time it is seen in clear.

    django-rest-knox stores a SHA-512 digest and a short prefix for the lookup. A user
    keeps at most API_TOKENS_PER_USER tokens: issuing one more revokes the oldest.
    """
    from knox.models import AuthToken

    with transaction.atomic():
        User.objects.select_for_update().filter(pk=user.pk).first()  # one issuer at a time
        _instance, token = AuthToken.objects.create(user=user, expiry=None)
        tokens = AuthToken.objects.filter(user=user)
        newest = tokens.order_by("-created", "-digest")[: settings.API_TOKENS_PER_USER]
        tokens.exclude(digest__in=list(newest.values_list("digest", flat=True))).delete()
    return token


def api_tokens_revoke(*, user: User) -> int:
    """Revoke every API token of `user`; returns how many there were."""
    from knox.models import AuthToken

    deleted, _by_model = AuthToken.objects.filter(user=user).delete()
    return deleted
