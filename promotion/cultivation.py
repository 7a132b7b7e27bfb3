"""Progress of the key cultivation lists, counted from the certification records.

An entry counts as certified when its product (or, for an entry without a product, any
product of its enterprise) has an application in a certified state (`CERTIFIED_STATES`:
certified, supervised or suspended), the same rule the pilots' targets count by.
"""

from dataclasses import dataclass

from django.db.models import Exists, OuterRef, QuerySet

from certification.enums import CERTIFIED_STATES
from certification.models import Application

from .models import CultivationEntry


@dataclass(frozen=True)
class CultivationProgress:
    total: int
    certified: int

    @property
    def remaining(self) -> int:
        return self.total - self.certified

    @property
    def percent(self) -> int:
        return round(100 * self.certified / self.total) if self.total else 0


def _division_id(county) -> int:
    """The division id of an AdministrativeDivision, a PilotCounty, or an id."""
    if hasattr(county, "division_id"):
        return county.division_id
    return getattr(county, "pk", county)


def with_certification(entries: QuerySet[CultivationEntry]) -> QuerySet[CultivationEntry]:
    """Annotate entries with `product_certified` and `enterprise_certified` (one query)."""
    certified = Application.objects.filter(state__in=CERTIFIED_STATES)
    return entries.annotate(
        product_certified=Exists(certified.filter(product_id=OuterRef("product_id"))),
        enterprise_certified=Exists(certified.filter(enterprise_id=OuterRef("enterprise_id"))),
    )


def is_certified(entry) -> bool:
    """For an entry annotated by `with_certification`."""
    return entry.product_certified if entry.product_id else entry.enterprise_certified


def cultivation_entries(county, year: int) -> list[CultivationEntry]:
    """The list of a county and year, each entry with `.certified` set."""
    entries = with_certification(
        CultivationEntry.objects.filter(county_id=_division_id(county), year=year).select_related(
            "enterprise", "product", "sector"
        )
    )
    result = list(entries)
    for entry in result:
        entry.certified = is_certified(entry)
    return result


def cultivation_progress(county, year: int) -> CultivationProgress:
    """How many entries of a county's list for `year` are certified, out of how many.

    `county` is an AdministrativeDivision, a PilotCounty or a division id. One query.
    """
    entries = cultivation_entries(county, year)
    return CultivationProgress(
        total=len(entries), certified=sum(1 for entry in entries if entry.certified)
    )


def cultivation_for_enterprise(enterprise) -> list[CultivationEntry]:
    """An enterprise's entries on any list, newest year first, with `.certified` set."""
    if enterprise is None:
        return []
    entries = with_certification(
        CultivationEntry.objects.filter(enterprise=enterprise)
        .select_related("county", "product", "sector")
        .order_by("-year", "pk")
    )
    result = list(entries)
    for entry in result:
        entry.certified = is_certified(entry)
    return result
