"""The per-IP limit on public infringement reports (INFRINGEMENT_REPORT_RATE, "10/hour")."""

from django.conf import settings
from rest_framework.throttling import SimpleRateThrottle

from brandportal.throttling import ResilientThrottleMixin


class CaseReportThrottle(ResilientThrottleMixin, SimpleRateThrottle):
    scope = "infringement_report"

    def get_rate(self):
        return getattr(settings, "INFRINGEMENT_REPORT_RATE", "10/hour")

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


def report_throttled(request) -> int | None:
    """None if the request may file a report, else the seconds to wait."""
    throttle = CaseReportThrottle()
    if throttle.allow_request(request, None):
        return None
    return max(1, int(throttle.wait() or 1))
