"""Rate limits that keep public pages up when the shared cache is down.

Throttles count requests in the default cache: Redis in production, shared by every
process. When that cache fails, they count in a memory cache of their own process instead,
so the limit still holds per process (looser by the number of processes) and the page or
the API answers normally. The switch is logged once per outage, `/healthz/ready` reports
it, and the shared cache is tried again after `RETRY_SHARED_AFTER` seconds.
"""

import logging
import threading
import time

from django.core.cache.backends.locmem import LocMemCache
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

CACHE_ERRORS = (RedisError, OSError)
RETRY_SHARED_AFTER = 5.0

_fallback = LocMemCache("brandportal-throttle-fallback", {"OPTIONS": {"MAX_ENTRIES": 10_000}})
_lock = threading.Lock()
_failed_at: float | None = None


def throttle_cache_degraded() -> bool:
    """True while this process's throttles count in their own memory."""
    return _failed_at is not None


def _use_shared() -> bool:
    return _failed_at is None or time.monotonic() - _failed_at >= RETRY_SHARED_AFTER


def _shared_failed(error: Exception) -> None:
    global _failed_at
    with _lock:
        first = _failed_at is None
        _failed_at = time.monotonic()
    if first:
        logger.warning(
            "Throttle cache unavailable (%s: %s); counting per process until it returns",
            type(error).__name__,
            error,
        )


def _shared_ok() -> None:
    global _failed_at
    if _failed_at is None:
        return
    with _lock:
        _failed_at = None
    logger.warning("Throttle cache is back; rate limits are shared again")


class ResilientThrottleMixin:
    """Put before a DRF `SimpleRateThrottle` subclass: a cache error never fails a request."""

    def allow_request(self, request, view):
        if _use_shared():
            try:
                allowed = super().allow_request(request, view)
            except CACHE_ERRORS as error:
                _shared_failed(error)
            else:
                _shared_ok()
                return allowed
        self.cache = _fallback
        return super().allow_request(request, view)
