import pytest

from pilots.loading import load_pilot_data
from pilots.models import PilotCounty


@pytest.fixture
def loaded(db):
    """The real data of pilots/data loaded; returns 寻乌县's pilot county."""
    load_pilot_data()
    return PilotCounty.objects.get(division__code="360734")
