"""The per-IP limit on public certificate look-ups, shared by the page and the API.

A DRF throttle (cache-based, per client address) that the API uses directly and the
verification page asks by hand, so one budget covers both ways of enumerating numbers.
The rate is CERTIFICATE_LOOKUP_RATE (e.g. "30/min"). Use a shared cache (Redis) in
production so the limit holds across processes.
"""

from django.conf import settings
from rest_framework.throttling import SimpleRateThrottle

from brandportal.throttling import ResilientThrottleMixin


class CertificateLookupThrottle(ResilientThrottleMixin, SimpleRateThrottle):
    scope = "certificate_lookup"

    def get_rate(self):
        return settings.CERTIFICATE_LOOKUP_RATE

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


def lookup_throttled(request) -> int | None:
    """None if the request may look a certificate up, else the seconds to wait."""
    throttle = CertificateLookupThrottle()
    if throttle.allow_request(request, None):
        return None
    return max(1, int(throttle.wait() or 1))
