"""Rate limits that keep public pages up when the shared cache is down.

Throttles count requests in the default cache: Redis in production, shared by every
process. When that cache fails, they count in a memory cache of their own process instead,
so the limit still holds per process (looser by the number of processes) and the page or
the API answers normally. The switch is logged once per outage, `/healthz/ready` reports
the cache as down, and the shared cache is tried again every `RETRY_SHARED_AFTER` seconds
(not on every request, so an outage costs no connection attempt per request).
"""

import logging
import time
import weakref

from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

CACHE_ERRORS = (RedisError, OSError)
RETRY_SHARED_AFTER = 5.0

_fallback = LocMemCache("brandportal-throttle-fallback", {"OPTIONS": {"MAX_ENTRIES": 10_000}})
# When each cache backend instance (Django keeps one per thread) last failed.
_failed_at: "weakref.WeakKeyDictionary[object, float]" = weakref.WeakKeyDictionary()


class ResilientThrottleMixin:
    """Put before a DRF `SimpleRateThrottle` subclass: a cache error never fails a request."""

    def allow_request(self, request, view):
        shared = caches["default"]
        failed_at = _failed_at.get(shared)
        if failed_at is None or time.monotonic() - failed_at >= RETRY_SHARED_AFTER:
            try:
                allowed = super().allow_request(request, view)
            except CACHE_ERRORS as error:
                if failed_at is None:
                    logger.warning(
                        "Throttle cache unavailable (%s: %s); counting per process until it "
                        "returns",
                        type(error).__name__,
                        error,
                    )
                _failed_at[shared] = time.monotonic()
            else:
                if _failed_at.pop(shared, None) is not None:
                    logger.warning("Throttle cache is back; rate limits are shared again")
                return allowed
        self.cache = _fallback
        return super().allow_request(request, view)
