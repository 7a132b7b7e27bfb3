import pytest
from django.core.management import call_command

from standards.demo import DEMO_STANDARDS
from standards.enums import Dimension, StandardType
from standards.models import Standard
from standards.validators import GENERAL_REQUIREMENT_CODE, validate_code_for_type

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _development_mode(settings):
    settings.DEBUG = True


def test_demo_standards_are_published_with_all_four_dimensions():
    call_command("seed_demo")
    assert Standard.objects.published().count() == len(DEMO_STANDARDS)
    general = Standard.objects.get(code=GENERAL_REQUIREMENT_CODE)
    assert general.type == StandardType.GENERAL
    for standard in Standard.objects.all():
        validate_code_for_type(standard.code, standard.type)
        dimensions = set(standard.indicators.values_list("dimension", flat=True))
        assert dimensions == set(Dimension.values), standard.code
        assert "示例" in standard.notes
        assert standard.full_text and standard.full_text.open("rb").read(5) == b"%PDF-"
        assert standard.log_entries.count() == 2
    sectors = set(Standard.objects.values_list("categories__name", flat=True))
    assert {"富硒柑橘", "百香果", "稀土新材料"} <= sectors


def test_demo_standards_load_once():
    call_command("seed_demo")
    before = list(Standard.objects.values_list("code", "state", "updated_at"))
    call_command("seed_demo")
    assert list(Standard.objects.values_list("code", "state", "updated_at")) == before
