"""Counting a target's current value from the portal's own records.

Two ways that must agree (a test holds them together):

- `target_records(target)`: the records behind one target (standards, products or
  enterprises), for the list page a dashboard number links to; its count is the value;
- `target_values(targets)`: the values of many targets at once in a fixed number of
  queries (one for the category tree, one for standards, one for applications), for
  dashboards that must not grow a query per county or target.

The standards and certification apps grow alongside this one, so each counter looks
its models up at run time and counts 0 while they are not there yet.
"""

from collections import defaultdict

from django.apps import apps
from django.db.models import Count, Model, Q

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


def _published_standards(target):
    """Standards the county proposed that were published (and may since be withdrawn)."""
    Standard = _model("standards", "Standard")
    if Standard is None:
        return None
    from standards.enums import PUBLIC_STATES

    standards = Standard.objects.filter(
        proposing_county_id=target.county.division_id, state__in=PUBLIC_STATES
    )
    if target.standard_type:
        standards = standards.filter(type=target.standard_type)
    if target.sector_id:
        standards = standards.filter(categories__in=sector_category_ids(target.sector))
    return Standard.objects.filter(pk__in=standards.values("pk"))


def _certified_applications(target):
    """Applications of the county's enterprises that hold a certification, or None."""
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


def _certified_products(target):
    applications = _certified_applications(target)
    if applications is None:
        return None
    Product = apps.get_model("certification", "Product")
    return Product.objects.filter(pk__in=applications.values("product_id"))


def _certified_enterprises(target):
    applications = _certified_applications(target)
    if applications is None:
        return None
    Enterprise = apps.get_model("enterprises", "Enterprise")
    return Enterprise.objects.filter(pk__in=applications.values("enterprise_id"))


RECORDS = {
    Metric.STANDARDS_PUBLISHED: _published_standards,
    Metric.PRODUCTS_CERTIFIED: _certified_products,
    Metric.ENTERPRISES_CERTIFIED: _certified_enterprises,
}


def target_records(target):
    """The records a target counts (a queryset of standards, products or enterprises),
    or None while the app holding them is absent."""
    return RECORDS[target.metric](target)


def target_current_value(target) -> int:
    records = target_records(target)
    return 0 if records is None else records.count()


# --- many targets at once --------------------------------------------------------------


def _descendants(children: dict, root: int) -> list[int]:
    ids, frontier = [root], [root]
    while frontier:
        frontier = [child for parent in frontier for child in children.get(parent, ())]
        ids.extend(frontier)
    return ids


def _category_children() -> dict[int, list[int]]:
    ProductCategory = apps.get_model("standards", "ProductCategory")
    children = defaultdict(list)
    for pk, parent_id in ProductCategory.objects.values_list("pk", "parent_id"):
        if parent_id is not None:
            children[parent_id].append(pk)
    return children


def _key(target) -> str:
    """Targets asking the same question of different counties share one aggregate."""
    return f"{target.metric}__{target.sector_id or 0}__{target.standard_type or 'any'}"


def _standard_counts(targets, children) -> dict:
    Standard = _model("standards", "Standard")
    if Standard is None or not targets:
        return {}
    from standards.enums import PUBLIC_STATES

    aggregates = {}
    for target in targets:
        condition = Q()
        if target.standard_type:
            condition &= Q(type=target.standard_type)
        if target.sector_id:
            condition &= Q(categories__in=_descendants(children, target.sector_id))
        aggregates[_key(target)] = Count("pk", distinct=True, filter=condition or None)
    divisions = {target.county.division_id for target in targets}
    rows = (
        Standard.objects.filter(proposing_county_id__in=divisions, state__in=PUBLIC_STATES)
        .order_by()
        .values("proposing_county_id")
        .annotate(**aggregates)
    )
    return {row.pop("proposing_county_id"): row for row in rows}


def _application_counts(targets, children) -> dict:
    Application = _model("certification", "Application")
    if Application is None or not targets:
        return {}
    from certification.enums import CERTIFIED_STATES

    aggregates = {}
    for target in targets:
        counted = "product_id" if target.metric == Metric.PRODUCTS_CERTIFIED else "enterprise_id"
        condition = None
        if target.sector_id:
            condition = Q(product__category_id__in=_descendants(children, target.sector_id))
        aggregates[_key(target)] = Count(counted, distinct=True, filter=condition)
    divisions = {target.county.division_id for target in targets}
    rows = (
        Application.objects.filter(
            state__in=CERTIFIED_STATES, enterprise__division_id__in=divisions
        )
        .order_by()
        .values("enterprise__division_id")
        .annotate(**aggregates)
    )
    return {row.pop("enterprise__division_id"): row for row in rows}


def target_values(targets) -> dict[int, int]:
    """{target pk: current value} for `targets` (with `county` loaded), in at most three
    queries however many targets, counties and records there are."""
    targets = list(targets)
    children = _category_children() if any(t.sector_id for t in targets) else {}
    standard_targets = [t for t in targets if t.metric == Metric.STANDARDS_PUBLISHED]
    application_targets = [t for t in targets if t.metric != Metric.STANDARDS_PUBLISHED]
    counts = {
        Metric.STANDARDS_PUBLISHED: _standard_counts(standard_targets, children),
        "applications": _application_counts(application_targets, children),
    }
    values = {}
    for target in targets:
        source = counts.get(target.metric, counts["applications"])
        values[target.pk] = source.get(target.county.division_id, {}).get(_key(target), 0)
    return values
