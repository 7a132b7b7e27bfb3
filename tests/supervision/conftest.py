import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    """Report limits live in the cache: every test starts with a full budget."""
    cache.clear()
    yield
    cache.clear()
