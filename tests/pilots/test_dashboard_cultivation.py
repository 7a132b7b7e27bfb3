"""The county dashboard counts how much of its key cultivation list is certified."""

import pytest
from django.urls import reverse

from tests.factories.certification import ApplicationFactory, advance
from tests.factories.pilots import PilotCountyFactory, county_official
from tests.factories.promotion import CultivationEntryFactory

pytestmark = pytest.mark.django_db


def test_dashboard_cultivation_counts_certified_entries_of_the_latest_list(client):
    pilot = PilotCountyFactory()
    certified = advance(ApplicationFactory(), "submit", "accept", "certify")
    CultivationEntryFactory(year=2026, enterprise=certified.enterprise, product=certified.product)
    CultivationEntryFactory(year=2026)
    CultivationEntryFactory(year=2026)
    CultivationEntryFactory(year=2025)  # an older list is not the one shown
    client.force_login(county_official())
    response = client.get(reverse("pilots:dashboard", args=[pilot.division.code]))
    assert response.status_code == 200
    cultivation = response.context["cultivation"]
    assert cultivation["year"] == 2026
    assert (cultivation["progress"].certified, cultivation["progress"].total) == (1, 3)
    html = response.content.decode()
    assert "2026年重点培育清单" in html
    assert "<strong>1/3</strong>" in html
    assert f"county={pilot.division.code}&amp;year=2026" in html


def test_dashboard_cultivation_without_a_list_says_so(client):
    pilot = PilotCountyFactory()
    client.force_login(county_official())
    response = client.get(reverse("pilots:dashboard", args=[pilot.division.code]))
    assert "尚未拟定本年度重点培育清单" in response.content.decode()
