import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _fresh_lookup_budget():
    """The per-IP look-up limit lives in the cache: every test starts with a full budget."""
    cache.clear()
    yield
    cache.clear()
