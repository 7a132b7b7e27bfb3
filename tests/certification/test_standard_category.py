"""An application cites a standard that applies to its product's category."""

import pytest
from django.core.exceptions import ValidationError

from certification.services import application_create, application_update
from tests.factories import CertificationBodyFactory
from tests.factories.certification import ApplicationFactory, ProductFactory
from tests.factories.standards import StandardFactory, category

pytestmark = pytest.mark.django_db


def _published(*codes):
    standard = StandardFactory(state="published")
    standard.categories.set([category(code) for code in codes])
    return standard


def _create(product, standard):
    user = ApplicationFactory(product=product).created_by
    return application_create(
        user=user,
        product=product,
        standard=standard,
        certification_body=CertificationBodyFactory(),
    )


@pytest.mark.parametrize(
    ("product_category", "standard_categories"),
    [
        ("selenium_citrus", ["selenium_citrus"]),
        ("selenium_citrus", ["agriculture"]),  # a standard for a whole sector
        ("passion_fruit", []),  # the general requirement applies to all
        ("tourism", ["rice", "services"]),
    ],
)
def test_application_with_a_standard_for_its_category_is_created(
    product_category, standard_categories
):
    product = ProductFactory(category=category(product_category))
    application = _create(product, _published(*standard_categories))
    assert application.pk is not None


@pytest.mark.parametrize(
    ("product_category", "standard_categories"),
    [
        ("passion_fruit", ["rare_earth_materials"]),  # the case users hit
        ("agriculture", ["selenium_citrus"]),  # a sector is not one of its products
        ("rice", ["industry", "services"]),
    ],
)
def test_application_with_a_standard_for_another_category_is_a_field_error(
    product_category, standard_categories
):
    product = ProductFactory(category=category(product_category))
    standard = _published(*standard_categories)
    with pytest.raises(ValidationError) as refused:
        _create(product, standard)
    message = refused.value.message_dict["standard"][0]
    assert standard.code in message and product.category.name in message


def test_draft_cannot_switch_to_a_standard_for_another_category():
    application = ApplicationFactory(product=ProductFactory(category=category("passion_fruit")))
    standard = _published("rare_earth_materials")
    with pytest.raises(ValidationError) as refused:
        application_update(application=application, user=application.created_by, standard=standard)
    assert "standard" in refused.value.message_dict
    application.refresh_from_db()
    assert application.standard != standard
