"""When a certificate's yearly surveillance audit (年度监督) is due: pure date arithmetic.

Audit n (n = 1, 2, ...) covers the n-th year after issue and is due on the n-th
anniversary of the issue date, for every anniversary that falls within the validity
(a three-year certificate has two: the third year ends in renewal).
"""

import datetime
from dataclasses import dataclass

DUE_SOON_DAYS = 30


def anniversary(issued_on: datetime.date, years: int) -> datetime.date:
    try:
        return issued_on.replace(year=issued_on.year + years)
    except ValueError:  # 29 February
        return issued_on.replace(year=issued_on.year + years, day=28)


def audit_years(issued_on: datetime.date, valid_until: datetime.date) -> list[int]:
    years, n = [], 1
    while anniversary(issued_on, n) <= valid_until:
        years.append(n)
        n += 1
    return years


@dataclass(frozen=True)
class DueAudit:
    certificate: object
    year_number: int
    due_on: datetime.date
    today: datetime.date

    @property
    def overdue(self) -> bool:
        return self.due_on < self.today

    @property
    def days_left(self) -> int:
        return (self.due_on - self.today).days


def next_due(certificate, done_years, today: datetime.date) -> DueAudit | None:
    """The earliest audit of `certificate` not yet recorded, or None."""
    for n in audit_years(certificate.issued_on, certificate.valid_until):
        if n not in done_years:
            return DueAudit(certificate, n, anniversary(certificate.issued_on, n), today)
    return None
