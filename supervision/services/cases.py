"""Infringement cases: public reports (and fake reports from the verification page),
then reported → investigating → confirmed or dismissed, each step logged."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from accounts.rules import can
from brandportal.dates import date_errors
from brandportal.files import validate_upload
from brandportal.transitions import run_transition
from outbox.services import message_queue

from ..enums import CaseAction, CaseSource, CaseState, InfringementKind
from ..models import InfringementCase

OPEN_STATES = (CaseState.REPORTED, CaseState.INVESTIGATING)


def _normalise(text: str) -> str:
    return "".join((text or "").split())


def find_open_duplicate(*, party_name: str, place: str, exclude_pk=None):
    """An open case of the same party at the same place (whitespace ignored), if any."""
    candidates = InfringementCase.objects.filter(state__in=OPEN_STATES).exclude(pk=exclude_pk)
    party, where = _normalise(party_name), _normalise(place)
    for case in candidates.only("pk", "party_name", "place", "handler_id").order_by("pk"):
        if _normalise(case.party_name) == party and _normalise(case.place) == where:
            return case
    return None


def case_report(
    *,
    party_name: str,
    place: str,
    description: str,
    reporter_contact: str = "",
    kind: str = InfringementKind.OTHER,
    certificate_number: str = "",
    party_credit_code: str = "",
    evidence=None,
    source: str = CaseSource.PUBLIC_FORM,
    fake_report=None,
) -> InfringementCase:
    """Record a report. A report of a party and place with an open case is flagged as a
    possible duplicate, and that case's handler is told."""
    kind_of_file = ""
    if evidence:
        try:
            kind_of_file = validate_upload(evidence)
        except ValidationError as error:
            raise ValidationError({"evidence": error.messages}) from None
    with transaction.atomic():
        duplicate = find_open_duplicate(party_name=party_name, place=place)
        case = InfringementCase.objects.create(
            source=CaseSource(source),
            kind=InfringementKind(kind),
            party_name=party_name.strip(),
            party_credit_code=party_credit_code.strip().upper(),
            place=place.strip(),
            description=description.strip(),
            reporter_contact=reporter_contact.strip(),
            certificate_number=certificate_number.strip().upper(),
            evidence=evidence or "",
            evidence_kind=kind_of_file,
            fake_report=fake_report,
            possible_duplicate_of=duplicate,
        )
        if duplicate is not None and duplicate.handler_id:
            message_queue(
                recipient_id=duplicate.handler_id,
                key=f"case-duplicate:{case.pk}",
                title=_("案件 %(ref)s 收到疑似重复举报 %(new)s")
                % {"ref": duplicate.reference, "new": case.reference},
                url=f"/admin/supervision/infringementcase/{case.pk}/change/",
            )
    return case


def case_create_from_fake_report(*, fake_report) -> InfringementCase:
    """The case for a report of a suspected fake from the verification page; once."""
    existing = InfringementCase.objects.filter(fake_report=fake_report).first()
    if existing is not None:
        return existing
    case = InfringementCase(
        source=CaseSource.FAKE_REPORT,
        kind=InfringementKind.FORGED,
        party_name=_("待核实"),
        place=_("待核实"),
        description=fake_report.description,
        reporter_contact=fake_report.contact,
        certificate_number=fake_report.certificate_number,
        evidence=fake_report.evidence.name if fake_report.evidence else "",
        evidence_kind=fake_report.evidence_kind,
        fake_report=fake_report,
    )
    case.possible_duplicate_of = (
        InfringementCase.objects.filter(
            state__in=OPEN_STATES,
            source=CaseSource.FAKE_REPORT,
            certificate_number=fake_report.certificate_number,
        )
        .order_by("pk")
        .first()
    )
    try:
        with transaction.atomic():
            case.save()
    except IntegrityError:  # created meanwhile by a concurrent call
        return InfringementCase.objects.get(fake_report=fake_report)
    return case


def _transition(case, user, action: CaseAction, comment: str = "", **fields):
    if not can(user, "supervision.change_infringementcase", case):
        raise PermissionDenied

    def record(locked):
        for name, value in fields.items():
            setattr(locked, name, value)
        if locked.handler_id is None:
            locked.handler = user

    try:
        return run_transition(
            model=InfringementCase,
            pk=case.pk,
            action=action.value,
            by=user,
            comment=comment.strip(),
            not_allowed=lambda locked: (
                _("案件当前状态“%(state)s”下不能执行“%(action)s”。")
                % {"state": locked.get_state_display(), "action": action.label}
            ),
            conflict_message=_("此案件已被他人处理，请刷新后重试。"),
            before_save=record,
        )
    except IntegrityError:
        raise ValidationError({"decision_number": _("该处罚决定书文号已被使用。")}) from None


def case_investigate(*, case, user, comment: str = "") -> InfringementCase:
    return _transition(case, user, CaseAction.INVESTIGATE, comment)


def case_confirm(
    *,
    case,
    user,
    decision_number: str,
    decision_date: datetime.date,
    penalty: str,
    comment: str = "",
) -> InfringementCase:
    """Confirm the infringement with the decision; the case becomes public."""
    errors = date_errors(InfringementCase, decision_date=decision_date)
    if not (decision_number or "").strip():
        errors["decision_number"] = _("请填写处罚决定书文号。")
    if decision_date is None:
        errors["decision_date"] = _("请填写决定日期。")
    if not (penalty or "").strip():
        errors["penalty"] = _("请填写处罚内容。")
    if errors:
        raise ValidationError(errors)
    return _transition(
        case,
        user,
        CaseAction.CONFIRM,
        comment,
        decision_number=decision_number.strip(),
        decision_date=decision_date,
        penalty=penalty.strip(),
    )


def case_dismiss(*, case, user, reason: str) -> InfringementCase:
    if not (reason or "").strip():
        raise ValidationError({"reason": _("请填写不予认定的理由。")})
    return _transition(case, user, CaseAction.DISMISS, reason, dismissal_reason=reason.strip())


def cases_for_unlinked_fake_reports() -> int:
    """Make the case of every fake report that has none (the sweep behind the signal)."""
    from certificates.models import FakeReport

    made = 0
    for fake_report in FakeReport.objects.filter(infringement_case__isnull=True).order_by("pk"):
        case_create_from_fake_report(fake_report=fake_report)
        made += 1
    return made
