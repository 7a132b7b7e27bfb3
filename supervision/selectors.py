"""Reads of supervision data: public ones (no private fields) and who-may-see ones."""

import datetime

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from accounts.roles import Role
from certificates.enums import CertificateStatus
from certificates.models import Certificate
from certification.enums import CERTIFIED_STATES
from certification.selectors import applications_visible_to

from .enums import CaseState, CheckResult, PlanStatus
from .models import (
    InfringementCase,
    RecognisedCertificateCitation,
    Sanction,
    SpotCheck,
    SpotCheckPlan,
    SurveillanceAudit,
)
from .surveillance import DUE_SOON_DAYS, DueAudit, next_due

SURVEILLED_STATUSES = (CertificateStatus.VALID, CertificateStatus.SUSPENDED)


def recognised_certificates_for_product(
    product, *, today: datetime.date | None = None
) -> list[RecognisedCertificateCitation]:
    """The recognised brands' certificates a product holds, for its public page.

    Only citations a reviewer verified, on an application that holds a certification
    (certified, supervised or suspended), of a brand still recognised, not yet expired.
    Each item has `.brand` (name, region), `.number` and `.valid_until`; no files.
    """
    today = today or timezone.localdate()
    return list(
        recognised_certificates_public().filter(
            application__product=product, valid_until__gte=today
        )
    )


def recognised_certificates_public() -> QuerySet[RecognisedCertificateCitation]:
    return (
        RecognisedCertificateCitation.objects.filter(
            verified=True,
            brand__is_active=True,
            application__state__in=CERTIFIED_STATES,
        )
        .select_related("brand")
        .order_by("brand__sort_order", "brand__name", "number")
        .only("pk", "number", "valid_until", "brand__name", "brand__region", "brand__sort_order")
    )


# --- who may see what ----------------------------------------------------------------


def _is_official(user) -> bool:
    return user.has_role(Role.SUPERVISOR) or user.has_role(Role.PROVINCIAL_ADMIN)


def certificates_audited_by(user) -> QuerySet[Certificate]:
    """Valid or suspended certificates of the reviewer's body, minus their conflicts."""
    if not user.is_authenticated or not user.has_role(Role.REVIEWER):
        return Certificate.objects.none()
    return Certificate.objects.filter(
        application__certification_body_id=user.certification_body_id,
        status__in=SURVEILLED_STATUSES,
    ).exclude(application__enterprise_id__in=user.conflicts.values("enterprise_id"))


def audits_visible_to(user) -> QuerySet[SurveillanceAudit]:
    queryset = SurveillanceAudit.objects.select_related("certificate", "recorded_by")
    if not user.is_authenticated:
        return queryset.none()
    if _is_official(user):
        return queryset
    if user.has_role(Role.REVIEWER):
        return queryset.filter(
            certificate__application__certification_body_id=user.certification_body_id
        ).exclude(
            certificate__application__enterprise_id__in=user.conflicts.values("enterprise_id")
        )
    return queryset.none()


def citations_visible_to(user) -> QuerySet[RecognisedCertificateCitation]:
    queryset = RecognisedCertificateCitation.objects.select_related(
        "brand", "application__enterprise", "application__product"
    )
    if not user.is_authenticated:
        return queryset.none()
    if _is_official(user):
        return queryset
    return queryset.filter(application__in=applications_visible_to(user))


# --- yearly surveillance -------------------------------------------------------------


def _due_audits(certificates, today: datetime.date) -> list[DueAudit]:
    result = []
    for certificate in certificates.prefetch_related("surveillance_audits"):
        done = {a.year_number for a in certificate.surveillance_audits.all()}
        due = next_due(certificate, done, today)
        if due is not None and due.days_left <= DUE_SOON_DAYS:
            result.append(due)
    return sorted(result, key=lambda d: (d.due_on, d.certificate.number))


def surveillance_due(user, *, today: datetime.date | None = None) -> list[DueAudit]:
    """Audits due within 30 days or overdue, among the certificates the user deals with:
    the reviewer's body's, the enterprise's own, or (officials) all."""
    today = today or timezone.localdate()
    certificates = Certificate.objects.filter(status__in=SURVEILLED_STATUSES).select_related(
        "application"
    )
    if not user.is_authenticated:
        return []
    if _is_official(user):
        pass
    elif user.has_role(Role.REVIEWER):
        certificates = certificates_audited_by(user)
    elif user.has_role(Role.ENTERPRISE_USER) and user.enterprise_id:
        certificates = certificates.filter(application__enterprise_id=user.enterprise_id)
    else:
        return []
    return _due_audits(certificates, today)


def surveillance_overdue(*, today: datetime.date | None = None) -> list[DueAudit]:
    """Valid certificates whose surveillance audit is overdue: flagged to supervisors."""
    today = today or timezone.localdate()
    certificates = Certificate.objects.filter(status=CertificateStatus.VALID)
    return [due for due in _due_audits(certificates, today) if due.overdue]


# --- spot checks ---------------------------------------------------------------------


def overdue_rectifications(*, today: datetime.date | None = None) -> QuerySet[SpotCheck]:
    """Checks whose rectification deadline passed without completion (flagged)."""
    today = today or timezone.localdate()
    return SpotCheck.objects.filter(
        result=CheckResult.RECTIFY,
        rectified_on__isnull=True,
        rectification_deadline__lt=today,
    ).select_related("plan", "enterprise")


def public_plans() -> QuerySet[SpotCheckPlan]:
    """Closed plans only: their results are public (一公开)."""
    return (
        SpotCheckPlan.objects.filter(status=PlanStatus.CLOSED)
        .select_related("county", "category", "standard")
        .order_by("-closed_at", "-pk")
    )


def public_plan_checks(plan: SpotCheckPlan) -> QuerySet[SpotCheck]:
    return (
        plan.checks.select_related("enterprise")
        .prefetch_related(
            Prefetch(
                "certificates", queryset=Certificate.objects.only("pk", "number", "product_name")
            ),
            Prefetch("sanctions", queryset=Sanction.objects.select_related("certificate")),
        )
        .order_by("position")
    )


# --- infringement cases --------------------------------------------------------------


def public_cases(query: str = "") -> QuerySet[InfringementCase]:
    """Confirmed cases for public query; callers show only the public fields."""
    queryset = InfringementCase.objects.filter(state=CaseState.CONFIRMED).order_by(
        "-decision_date", "-pk"
    )
    query = (query or "").strip()
    if query:
        queryset = queryset.filter(
            Q(party_name__icontains=query)
            | Q(decision_number__icontains=query)
            | Q(party_credit_code__iexact=query)
        )
    return queryset.only(*CASE_PUBLIC_FIELDS, "pk", "state")


# The fields of a confirmed case the public (page and feed) may see.
CASE_PUBLIC_FIELDS = (
    "kind",
    "party_name",
    "party_credit_code",
    "place",
    "decision_number",
    "decision_date",
    "penalty",
)


def public_sanctions() -> QuerySet[Sanction]:
    """Every suspension and revocation decided here, newest first (all fields public).

    Shown at once, like the certificate's status and reason on the verification page.
    """
    return Sanction.objects.select_related("certificate").order_by("-decided_at", "-pk")
