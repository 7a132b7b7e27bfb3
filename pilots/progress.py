"""Counting a target's current value from the portal's own records.

The standards and certification apps grow alongside this one, so each counter looks
its models up at run time and counts 0 while they are not there yet.
"""

from django.apps import apps
from django.db.models import Model

from .enums import Metric


def _model(app_label: str, model_name: str) -> type[Model] | None:
    if not apps.is_installed(app_label):
        return None
    try:
        return apps.get_model(app_label, model_name)
    except LookupError:
        return None


def sector_category_ids(sector) -> list[int]:
    """The sector's product category and all categories below it."""
    ids, frontier = [sector.pk], [sector.pk]
    category = type(sector)
    while frontier:
        frontier = list(
            category.objects.filter(parent_id__in=frontier).values_list("pk", flat=True)
        )
        ids.extend(frontier)
    return ids


def _published_standards(target) -> int:
    """Standards the county proposed that were published (and may since be withdrawn)."""
    Standard = _model("standards", "Standard")
    if Standard is None:
        return 0
    from standards.enums import PUBLIC_STATES

    standards = Standard.objects.filter(
        proposing_county_id=target.county.division_id, state__in=PUBLIC_STATES
    )
    if target.standard_type:
        standards = standards.filter(type=target.standard_type)
    if target.sector_id:
        standards = standards.filter(categories__in=sector_category_ids(target.sector))
    return standards.values("pk").distinct().count()


def _certified_applications(target):
    """Applications of the county's enterprises that hold a certification, or None."""
    # TODO(certification): count from issued certificates once the Certificate model
    # lands, if its notion of "certified" differs from CERTIFIED_STATES.
    Application = _model("certification", "Application")
    if Application is None:
        return None
    from certification.enums import CERTIFIED_STATES

    applications = Application.objects.filter(
        state__in=CERTIFIED_STATES, enterprise__division_id=target.county.division_id
    )
    if target.sector_id:
        applications = applications.filter(
            product__category_id__in=sector_category_ids(target.sector)
        )
    return applications


def _certified_products(target) -> int:
    applications = _certified_applications(target)
    if applications is None:
        return 0
    return applications.values("product_id").distinct().count()


def _certified_enterprises(target) -> int:
    applications = _certified_applications(target)
    if applications is None:
        return 0
    return applications.values("enterprise_id").distinct().count()


COUNTERS = {
    Metric.STANDARDS_PUBLISHED: _published_standards,
    Metric.PRODUCTS_CERTIFIED: _certified_products,
    Metric.ENTERPRISES_CERTIFIED: _certified_enterprises,
}


def target_current_value(target) -> int:
    return COUNTERS[target.metric](target)
