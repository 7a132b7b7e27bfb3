"""Plausible bounds for the dates people enter, in one place.

A date field says what it means with one of the validators below (as a model-field
validator, so the admin, forms and the API refuse the same dates with the same Chinese
field error); services that save without `full_clean` call `check_dates`.
Rules that compare two dates (paid after approval, published after submitted) live in
the model's `clean` or the service, with these bounds as the outer limits.
"""

import datetime

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext as _

# No record of this portal (brand, pilots, certificates, supervision) predates it.
PORTAL_EARLIEST = datetime.date(2000, 1, 1)
# Standards the catalogue cites may be older than the portal.
STANDARD_EARLIEST = datetime.date(1980, 1, 1)


def _iso(value: datetime.date) -> str:
    return value.isoformat()


@deconstructible(path="brandportal.dates.PlausibleDate")
class PlausibleDate:
    """A date from `earliest` to `years_ahead` years after today (0: today at most)."""

    def __init__(self, *, earliest: datetime.date = PORTAL_EARLIEST, years_ahead: int = 0):
        self.earliest = earliest
        self.years_ahead = years_ahead

    def latest(self, today: datetime.date | None = None) -> datetime.date:
        today = today or timezone.localdate()
        try:
            return today.replace(year=today.year + self.years_ahead)
        except ValueError:  # 29 February
            return today.replace(year=today.year + self.years_ahead, day=28)

    def __call__(self, value) -> None:
        if not isinstance(value, datetime.date):
            return
        if isinstance(value, datetime.datetime):
            value = value.date()
        if value < self.earliest:
            raise ValidationError(
                _("日期不合理：不能早于 %(earliest)s。"),
                code="date_too_early",
                params={"earliest": _iso(self.earliest)},
            )
        latest = self.latest()
        if value > latest:
            if self.years_ahead == 0:
                raise ValidationError(
                    _("日期不合理：不能晚于今天（%(today)s）。"),
                    code="date_in_future",
                    params={"today": _iso(latest)},
                )
            raise ValidationError(
                _("日期不合理：不能晚于 %(latest)s。"),
                code="date_too_late",
                params={"latest": _iso(latest)},
            )

    def __eq__(self, other):
        return (
            isinstance(other, PlausibleDate)
            and other.earliest == self.earliest
            and other.years_ahead == self.years_ahead
        )

    def __hash__(self):
        return hash((self.earliest, self.years_ahead))


# What has happened: a payment, an audit, a check, a decision, an approval.
PAST_DATE = PlausibleDate()
# What is planned or runs out: deadlines, phases, targets, validity.
PLANNED_DATE = PlausibleDate(years_ahead=30)
# A standard's submission, publication and withdrawal.
STANDARD_PAST_DATE = PlausibleDate(earliest=STANDARD_EARLIEST)
# A standard's effective date may be announced ahead.
STANDARD_PLANNED_DATE = PlausibleDate(earliest=STANDARD_EARLIEST, years_ahead=5)
# A certificate of a recognised brand: valid for years, not decades.
VALIDITY_DATE = PlausibleDate(years_ahead=10)
# A rectification ordered after a spot check: months, a year at most.
RECTIFICATION_DATE = PlausibleDate(years_ahead=1)
# An on-site audit: recorded when held, or planned within the year.
AUDIT_DATE = PlausibleDate(years_ahead=1)


def date_errors(model, **values) -> dict[str, list[str]]:
    """The errors of `values` against the validators their fields on `model` declare (the
    bounds above), keyed by field, for a service to raise with its other field errors."""
    errors = {}
    for name, value in values.items():
        if value is None:
            continue
        try:
            model._meta.get_field(name).run_validators(value)
        except ValidationError as error:
            errors[name] = error.messages
    return errors


def check_dates(model, **values) -> None:
    """Raise a ValidationError keyed by field for any of `values` out of its bounds."""
    errors = date_errors(model, **values)
    if errors:
        raise ValidationError(errors)


def not_expired(value: datetime.date | None, *, field: str) -> None:
    """A validity date entered now must not already have passed."""
    if value is not None and value < timezone.localdate():
        raise ValidationError({field: _("有效期已过：有效期至不能早于今天。")}, code="expired")
