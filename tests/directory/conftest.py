import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _fresh_throttles(settings):
    """Every test starts with a full request budget (the throttles count in the cache)."""
    cache.clear()
    yield
    cache.clear()
