"""The client's address: the one rule every rate limit and the login lockout key on.

`X-Forwarded-For` is whatever the client sends, unless a proxy we trust overwrites or
appends to it. TRUSTED_PROXY_COUNT says how many such proxies stand in front of the
portal: with none (`make run`), the header is ignored and the address is the socket's
peer (REMOTE_ADDR); with N, each proxy has appended the address it saw, so the client is
the N-th entry from the right, and everything left of it is the client's own invention.
DRF's throttles follow the same rule through NUM_PROXIES, django-axes through
AXES_CLIENT_IP_CALLABLE.
"""

import ipaddress

from django.conf import settings
from rest_framework.throttling import SimpleRateThrottle

from .throttling import ResilientThrottleMixin


def client_ip(request) -> str | None:
    """The client's address as far as the trusted proxies vouch for it (None if unknown)."""
    remote = request.META.get("REMOTE_ADDR") or None
    proxies = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    if proxies <= 0:
        return remote
    forwarded = [
        address.strip()
        for address in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if address.strip()
    ]
    if not forwarded:
        return remote
    candidate = forwarded[-min(proxies, len(forwarded))]
    # A proxy writes addresses; anything else came from the client (or a misconfigured
    # proxy count), and an invalid address must not reach the lockout's inet column.
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote


class ClientAddressThrottle(ResilientThrottleMixin, SimpleRateThrottle):
    """A DRF throttle whose per-address budget is keyed on `client_ip`, and which keeps
    counting (per process) when the shared cache is down."""

    def get_ident(self, request):
        return client_ip(request)
