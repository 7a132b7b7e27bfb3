"""A target's current value is counted from the portal's records, never typed in."""

import pytest

from certification.enums import ApplicationState
from pilots.progress import _model, sector_category_ids
from standards.enums import StandardState, StandardType
from standards.models import ProductCategory, Standard
from tests.factories import EnterpriseFactory, county
from tests.factories.certification import ApplicationFactory, ProductFactory

pytestmark = pytest.mark.django_db


def _standard(
    code,
    *,
    type=StandardType.GROUP,
    state=StandardState.PUBLISHED,
    division="360734",
    categories=("selenium_citrus",),
):
    standard = Standard.objects.create(
        code=code,
        title=f"标准 {code}",
        type=type,
        state=state,
        proposing_county=county(division),
    )
    standard.categories.set(ProductCategory.objects.filter(code__in=categories))
    return standard


def _certified(enterprise, category="selenium_citrus", state=ApplicationState.CERTIFIED):
    product = ProductFactory(
        enterprise=enterprise, category=ProductCategory.objects.get(code=category)
    )
    return ApplicationFactory(product=product, enterprise=enterprise, state=state)


def _values(pilot):
    return {target.code: target.current_value() for target in pilot.targets.all()}


def test_targets_start_at_zero(loaded):
    assert set(_values(loaded).values()) == {0}
    assert not loaded.targets.get(code="products").is_met()


def test_published_standards_count_by_county_type_and_sector(loaded):
    _standard("T/XW 001-2023")  # group, 富硒柑橘 (agriculture), published by 寻乌县
    _standard("T/XW 002-2023", categories=("rare_earth_materials",))
    _standard("DB36/T 1001-2023", type=StandardType.LOCAL)
    _standard("T/XW 003-2023", state=StandardState.DRAFTING)  # not published
    _standard("T/XW 004-2023", state=StandardState.SUBMITTED)  # not published
    _standard("T/XW 005-2022", state=StandardState.SUPERSEDED)  # was published
    _standard("T/RJ 001-2023", division="360781")  # another county's
    values = _values(loaded)
    assert values["standards"] == 4
    assert values["agriculture-group-standards"] == 2
    assert values["rare-earth-group-standard"] == 1
    assert loaded.targets.get(code="rare-earth-group-standard").is_met()
    assert loaded.targets.get(code="agriculture-group-standards").is_met()
    assert not loaded.targets.get(code="agriculture-group-standards").is_met(1)


def test_certified_products_and_enterprises_count_from_applications(loaded):
    orchard = EnterpriseFactory()
    _certified(orchard)
    _certified(orchard, category="passion_fruit", state=ApplicationState.SUPERVISED)
    _certified(EnterpriseFactory(), category="rare_earth_materials")
    _certified(EnterpriseFactory(), state=ApplicationState.DRAFT)
    _certified(EnterpriseFactory(), state=ApplicationState.REVOKED)
    _certified(EnterpriseFactory(division=county("360781")))  # another county
    values = _values(loaded)
    assert values["products"] == 3
    assert values["agriculture-enterprises"] == 1  # one enterprise, two products
    assert values["rare-earth-enterprise"] == 1
    assert loaded.targets.get(code="rare-earth-enterprise").is_met()


def test_sector_includes_its_sub_categories():
    agriculture = ProductCategory.objects.get(code="agriculture")
    codes = set(
        ProductCategory.objects.filter(pk__in=sector_category_ids(agriculture)).values_list(
            "code", flat=True
        )
    )
    assert {"agriculture", "selenium_citrus", "passion_fruit", "rice"} <= codes
    assert "rare_earth_materials" not in codes


def test_missing_app_or_model_counts_as_absent():
    # The counters return 0 while an app's models do not exist yet.
    assert (
        _model("certification", "Certificate") is None
        or _model("certification", "Certificate")._meta.app_label == "certification"
    )
    assert _model("certification", "NoSuchModel") is None
    assert _model("no_such_app", "Anything") is None
