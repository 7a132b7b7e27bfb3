"""Counties and product categories, the directory's most used filters, kept in memory.

Both tables are small and change rarely (migrations, the admin): validating a filter
against them per request would cost a query each. The maps are rebuilt after
REFRESH_SECONDS, and at once when either table is saved in this process.
"""

import time

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from enterprises.models import AdministrativeDivision, DivisionLevel
from standards.models import ProductCategory

REFRESH_SECONDS = 300
_cache: dict = {}


def _load() -> dict:
    counties = list(
        AdministrativeDivision.objects.filter(level=DivisionLevel.COUNTY)
        .order_by("code")
        .values_list("pk", "code", "name")
    )
    categories = list(
        ProductCategory.objects.order_by("sort_order", "code").values_list(
            "pk", "code", "name", "parent_id"
        )
    )
    names = {pk: name for pk, _code, name, _parent in categories}
    within = {code: [pk] for pk, code, _name, _parent in categories}
    code_of = {pk: code for pk, code, _name, _parent in categories}
    for pk, _code, _name, parent in categories:
        if parent is not None:
            within[code_of[parent]].append(pk)
    return {
        "at": time.monotonic(),
        "county_choices": [(code, f"{name}（{code}）") for _pk, code, name in counties],
        "county_ids": {code: pk for pk, code, _name in counties},
        "category_choices": [
            (code, f"{names[parent]} › {name}" if parent else name)
            for _pk, code, name, parent in categories
        ],
        "category_ids_within": within,
    }


def _get(key: str):
    global _cache
    if not _cache or time.monotonic() - _cache["at"] > REFRESH_SECONDS:
        _cache = _load()
    return _cache[key]


def county_choices():
    return _get("county_choices")


def county_ids() -> dict[str, int]:
    return _get("county_ids")


def category_choices():
    return _get("category_choices")


def category_ids_within() -> dict[str, list[int]]:
    """Each category code → its id and its children's ids."""
    return _get("category_ids_within")


def forget() -> None:
    global _cache
    _cache = {}


@receiver(post_save, sender=AdministrativeDivision, dispatch_uid="directory_reference_division")
@receiver(post_delete, sender=AdministrativeDivision, dispatch_uid="directory_ref_division_del")
@receiver(post_save, sender=ProductCategory, dispatch_uid="directory_reference_category")
@receiver(post_delete, sender=ProductCategory, dispatch_uid="directory_ref_category_del")
def _changed(sender, **kwargs):
    forget()
