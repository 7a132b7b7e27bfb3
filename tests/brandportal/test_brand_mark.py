import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_site_header_shows_the_brand_mark(client):
    html = client.get(reverse("home")).content.decode()
    assert '<img class="brand-mark" src="/static/brand/mark.svg"' in html
    assert finders.find("brand/mark.svg")
