"""The login lockout (django-axes): who counts as the same attempt, what the locked see.

Failures are counted per account *and* client address (`brandportal.client_address`):
after AXES_FAILURE_LIMIT wrong passwords that pair is refused for AXES_COOLOFF_TIME, at
the login page, the admin login and the token endpoint alike (they share the backends).
Keyed on the pair so that nobody can lock a real user out from elsewhere, nor one user
a whole office behind a shared address. A successful login clears the count; an
administrator can lift a lockout in the admin (Axes › Access attempts: delete the row) or
with `manage.py axes_reset_username <e-mail in lower case>`, and setting a new password
through the e-mailed reset link lifts it too (the link proves the mailbox is the owner's).

Every refused attempt is counted again (axes' default), which restarts the cool-off:
so the wait we announce is the whole cool-off, from now.
"""

import math

from axes.backends import AxesStandaloneBackend
from axes.helpers import get_cool_off
from django.shortcuts import render
from django.utils.translation import gettext as _


class LoginLockoutBackend(AxesStandaloneBackend):
    """Refuses a locked-out account and address before any backend checks the password.

    An `authenticate()` without a request (the shell, the test client's `login()`) is no
    attempt over the network and has no address to count: it passes through.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username, password, **kwargs)


def login_username(request, credentials=None) -> str | None:
    """The account an attempt is for: the e-mail, in lower case as logins match it."""
    credentials = credentials or {}
    value = credentials.get("username") or credentials.get("email")
    if value is None and request is not None:
        value = getattr(request, "data", request.POST).get("username")
    if value is None:
        return None
    # No account's e-mail is longer (254), and axes stores the name in 255 characters:
    # a longer one would fail the insert on PostgreSQL (a 500) rather than count.
    return str(value).strip().lower()[:254] or None


def lockout_seconds(request=None) -> int:
    cool_off = get_cool_off(request)
    return max(1, int(cool_off.total_seconds())) if cool_off else 0


def lockout_message(seconds: int) -> str:
    minutes = max(1, math.ceil(seconds / 60))
    return _("登录失败次数过多，请 %(minutes)s 分钟后再试。") % {"minutes": minutes}


def lockout_response(request, original_response=None, credentials=None):
    """What axes answers a locked-out login page with: 429, the wait, in the user's language.

    (The token endpoint answers in the API's error format itself: accounts.api.views.)
    """
    seconds = lockout_seconds(request)
    context = {"message": lockout_message(seconds), "minutes": max(1, math.ceil(seconds / 60))}
    response = render(request, "accounts/locked_out.html", context, status=429)
    response["Retry-After"] = str(seconds)
    return response
