"""Every write on certificates: issuing, following the application, expiry, reminders.

Issuing runs in steps that each commit and each check "already done" first, so the
task can be rerun (retries, the sweep, a duplicate delivery) without a second number:

1. under a lock on the application: allocate a number and store the certificate (with
   its snapshot) — or find the one stored before; a renewal's predecessor is retired;
2. render the PDF outside any lock, then store it unless another run already did;
3. move the application to supervised (START_SUPERVISION, a system action).

Renewal: the new certificate replaces the old one when it is issued (step 1, the same
transaction): the old application expires through its EXPIRE transition, so the old
certificate's status becomes 过期 like any expired one, and `replaced_by` points to the
new certificate (the verification page names it). There is no fifth status.
"""

import contextlib
import datetime
import functools
import logging

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.models import User
from brandportal.files import validate_upload
from certification.enums import Action, ApplicationState
from certification.models import Application
from outbox.services import message_queue

from .enums import REMINDER_DAYS, STATUS_FOR_STATE, STATUSES_WITH_REASON, CertificateStatus
from .models import Certificate, ExpiryReminder, FakeReport, certificate_pdf_path
from .numbering import allocate_number
from .rendering import render_pdf
from .scope import certification_scope

logger = logging.getLogger(__name__)


def in_portal_language(function):
    """Run `function` in the portal's language (Chinese), whatever the caller's is:
    what the system writes (log comments, e-mails) must not depend on who triggered it."""

    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        with translation.override(settings.LANGUAGE_CODE):
            return function(*args, **kwargs)

    return wrapper


VALIDITY_YEARS = 3
# States a renewal's predecessor may be retired from (the EXPIRE transition's sources).
EXPIRABLE_STATES = (ApplicationState.SUPERVISED, ApplicationState.SUSPENDED)


def valid_until(issued_on: datetime.date, years: int = VALIDITY_YEARS) -> datetime.date:
    """The last day of validity: the day before the anniversary (29 Feb → 27 Feb)."""
    try:
        anniversary = issued_on.replace(year=issued_on.year + years)
    except ValueError:
        anniversary = issued_on.replace(year=issued_on.year + years, day=28)
    return anniversary - datetime.timedelta(days=1)


# --- issuing ---------------------------------------------------------------------------


@in_portal_language
def certificate_issue(*, application_id: int) -> Certificate | None:
    """Issue the certificate of a certified application; None if there is nothing to do."""
    certificate = _certificate_store(application_id)
    if certificate is None:
        return None
    certificate = certificate_ensure_pdf(certificate=certificate)
    _start_supervision(certificate)
    return certificate


def _certificate_store(application_id: int) -> Certificate | None:
    with transaction.atomic():
        application = (
            Application.objects.select_for_update(of=("self",))
            .with_related()
            .filter(pk=application_id)
            .first()
        )
        if application is None:
            return None
        existing = Certificate.objects.filter(application=application).first()
        if existing is not None:
            return existing
        if application.state != ApplicationState.CERTIFIED:
            return None
        issued_on = timezone.localdate()
        division_code = application.enterprise.division.code
        certificate = Certificate.objects.create(
            number=allocate_number(year=issued_on.year, division_code=division_code),
            application=application,
            enterprise_name=application.enterprise.name,
            credit_code=application.enterprise.credit_code,
            product_name=application.product.name,
            scope=certification_scope(
                product_name=application.product.name,
                category_name=application.product.category.name,
                standard_code=application.standard.code,
            ),
            site_address=application.product.site_address,
            standard_code=application.standard.code,
            standard_title=application.standard.title,
            body_name=application.certification_body.name,
            division_code=division_code,
            issued_on=issued_on,
            valid_until=valid_until(issued_on),
        )
        if application.renewal_of_id is not None:
            _retire_predecessor(application.renewal_of, certificate)
    return certificate


def _retire_predecessor(old_application: Application, new_certificate: Certificate) -> None:
    from certification.services import application_transition

    old = Certificate.objects.select_for_update().filter(application=old_application).first()
    if old is None or old.replaced_by_id is not None:
        return
    if _current_state(old_application.pk) in EXPIRABLE_STATES:
        application_transition(
            application=old_application,
            action=Action.EXPIRE,
            user=None,
            comment=_("已由续期证书 %(number)s 替代。") % {"number": new_certificate.number},
        )
    Certificate.objects.filter(pk=old.pk).update(replaced_by=new_certificate)


def _current_state(application_id: int) -> str | None:
    # Not refresh_from_db(): django-fsm unprotects the state field class-wide while it
    # refreshes, which races with other threads issuing at the same time.
    return Application.objects.filter(pk=application_id).values_list("state", flat=True).first()


def certificate_ensure_pdf(*, certificate: Certificate) -> Certificate:
    """Render and store the PDF unless it exists; safe to run twice at once."""
    if certificate.pdf:
        return certificate
    content = render_pdf(certificate)  # outside the lock: ~0.1 s of CPU
    with transaction.atomic():
        locked = Certificate.objects.select_for_update().get(pk=certificate.pk)
        if locked.pdf:
            return locked
        name = certificate_pdf_path(locked, "")
        # Left by a run whose transaction then failed: no committed row refers to it.
        if locked.pdf.storage.exists(name):
            locked.pdf.storage.delete(name)
        locked.pdf.save(name, ContentFile(content), save=False)
        locked.save(update_fields=["pdf"])
    return locked


def _start_supervision(certificate: Certificate) -> None:
    from certification.services import IllegalTransition, application_transition

    application = certificate.application
    if _current_state(application.pk) != ApplicationState.CERTIFIED:
        return
    with contextlib.suppress(IllegalTransition):  # another run moved it meanwhile
        application_transition(
            application=application,
            action=Action.START_SUPERVISION,
            user=None,
            comment=_("证书 %(number)s 已颁发。") % {"number": certificate.number},
        )


def certificates_needing_issue(*, grace: datetime.timedelta) -> list[int]:
    """Applications certified more than `grace` ago whose issuing has not completed.

    Their task was lost (the broker was down when they were certified) or failed for
    good; the issuing steps are idempotent, so queueing them again is always safe.
    """
    cutoff = timezone.now() - grace
    return list(
        Application.objects.filter(state=ApplicationState.CERTIFIED, decided_at__lte=cutoff)
        .order_by("decided_at", "pk")
        .values_list("pk", flat=True)[:500]
    )


# --- status ----------------------------------------------------------------------------


def certificate_follow_transition(*, application: Application, entry) -> None:
    """Bring the certificate's status in line with its application, in the same transaction.

    Called by certification.services._after_transition for every transition; the log
    entry gives the date, and for suspension and revocation the reason.
    """
    status = STATUS_FOR_STATE.get(application.state)
    if status is None:
        return
    certificate = Certificate.objects.select_for_update().filter(application=application).first()
    if certificate is None or certificate.status == status:
        return
    certificate.status = status
    certificate.status_changed_at = entry.at
    certificate.status_reason = entry.comment if status in STATUSES_WITH_REASON else ""
    certificate.save(update_fields=["status", "status_changed_at", "status_reason"])


@in_portal_language
def certificates_expire_due(*, today: datetime.date | None = None) -> int:
    """Expire (via the EXPIRE transition) every certificate past its last valid day."""
    from certification.services import TransitionError, application_transition

    today = today or timezone.localdate()
    due = Application.objects.filter(
        certificate__valid_until__lt=today,
        certificate__status__in=[CertificateStatus.VALID, CertificateStatus.SUSPENDED],
        state__in=EXPIRABLE_STATES,
    )
    expired = 0
    for application in due:
        try:
            application_transition(
                application=application,
                action=Action.EXPIRE,
                user=None,
                comment=_("证书有效期已届满。"),
            )
        except TransitionError as error:
            # Moved meanwhile (revoked, or expired by a concurrent run).
            logger.info("Not expiring application %s: %s", application.pk, error)
            continue
        expired += 1
    return expired


# --- reminders -------------------------------------------------------------------------


def renewal_url(application: Application) -> str:
    path = reverse("certification:application_create")
    return f"{settings.SITE_URL}{path}?renewal_of={application.pk}"


def _renewal_in_progress(application: Application) -> bool:
    return (
        Application.objects.filter(renewal_of=application)
        .exclude(state__in=[ApplicationState.WITHDRAWN, ApplicationState.REJECTED])
        .exists()
    )


@in_portal_language
def expiry_reminders_send(*, today: datetime.date | None = None) -> int:
    """E-mail the enterprise 90 and 30 days before expiry, each reminder once (through
    the outbox, recorded in the same transaction as the reminder).

    A certificate that crossed both thresholds since the last run (a short validity, a
    stopped scheduler) gets one e-mail and both recorded. No reminder while a renewal is
    under way. Returns the number of certificates reminded.
    """
    today = today or timezone.localdate()
    horizon = today + datetime.timedelta(days=max(REMINDER_DAYS))
    candidates = (
        Certificate.objects.filter(
            status=CertificateStatus.VALID, valid_until__gte=today, valid_until__lte=horizon
        )
        .select_related("application")
        .prefetch_related("expiry_reminders")
    )
    reminded = 0
    for certificate in candidates:
        days_left = (certificate.valid_until - today).days
        done = {r.days_before for r in certificate.expiry_reminders.all()}
        pending = [d for d in REMINDER_DAYS if days_left <= d and d not in done]
        if not pending or _renewal_in_progress(certificate.application):
            continue
        try:
            with transaction.atomic():
                for days in pending:
                    ExpiryReminder.objects.create(certificate=certificate, days_before=days)
                _send_reminder(certificate, days_left, key_days=min(pending))
        except IntegrityError:
            continue  # a concurrent run recorded it first
        reminded += 1
    return reminded


def _send_reminder(certificate: Certificate, days_left: int, key_days: int) -> None:
    url = renewal_url(certificate.application)
    subject = _("【江西绿色生态】证书 %(number)s 将于 %(days)s 天后到期，请及时续期") % {
        "number": certificate.number,
        "days": days_left,
    }
    recipients = User.objects.filter(
        enterprise_id=certificate.application.enterprise_id, is_active=True
    )
    for user in recipients:
        body = render_to_string(
            "certificates/email/expiry_reminder.txt",
            {"certificate": certificate, "user": user, "days_left": days_left, "url": url},
        )
        message_queue(
            recipient_id=user.pk,
            key=f"certificate-expiry:{certificate.pk}:{key_days}",
            title=subject,
            body=body,
            url=url,
            email_subject=subject,
            email_body=body,
        )


# --- public look-ups and reports -------------------------------------------------------


def certificate_record_lookup(*, certificate: Certificate) -> None:
    Certificate.objects.filter(pk=certificate.pk).update(
        lookup_count=F("lookup_count") + 1, last_looked_up_at=timezone.now()
    )


def fake_report_create(*, certificate_number: str, description: str, contact: str, evidence=None):
    """Record a report of a suspected fake; the evidence file is checked by content."""
    kind = validate_upload(evidence) if evidence else ""
    number = certificate_number.strip().upper()
    return FakeReport.objects.create(
        certificate_number=number,
        certificate=Certificate.objects.filter(number=number).first(),
        description=description,
        contact=contact,
        evidence=evidence or "",
        evidence_kind=kind,
    )
