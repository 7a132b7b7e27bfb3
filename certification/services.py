"""Every write on applications: one function per action, atomic, logged.

Views, the admin and the API call these; nothing else changes an application's state.
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.rules import can
from brandportal import transitions
from brandportal.errors import (
    ConditionsNotMet,
    ServiceError,
    TransitionConflict,
    TransitionNotAllowed,
)
from brandportal.files import validate_upload
from brandportal.queue import enqueue_on_commit

from .enums import ACTIONS_NEEDING_REASON, SYSTEM_ACTIONS, Action, ApplicationState
from .models import Application, ApplicationDocument, Product, ProductPhoto, Review

CONFLICT_MESSAGE = _("此申请已被他人处理，请刷新后重试")

# The refusals are the core's (brandportal.errors); these names are kept for callers.
TransitionError = ServiceError
IllegalTransition = TransitionNotAllowed
Conflict = TransitionConflict


@dataclass(frozen=True)
class AvailableAction:
    action: Action
    allowed: bool
    reasons: tuple[str, ...]


def _transition_meta(application: Application, action: Action):
    for t in application.get_all_state_transitions():
        if t.name == action and t.source in (application.state, "*"):
            return t
    return None


def _permitted(application: Application, meta, user) -> bool:
    # django-fsm's has_transition_perm also checks conditions; the role is asked alone
    # here so that a refusal can say whether it is "not yours" or "not yet".
    permission = meta.permission
    if permission is None:
        return True
    if callable(permission):
        return bool(permission(application, user))
    return user.has_perm(permission, application)


def unmet_conditions(application: Application, action: Action) -> list[str]:
    return transitions.unmet_conditions(application, Action(action).value)


def available_actions(application: Application, user) -> list[AvailableAction]:
    """The actions `user` could take now, each with why it is refused (if it is)."""
    result = []
    for t in application.get_all_state_transitions():
        if t.source != application.state or t.name in SYSTEM_ACTIONS:
            continue
        if not _permitted(application, t, user):
            continue
        reasons = unmet_conditions(application, Action(t.name))
        result.append(AvailableAction(Action(t.name), not reasons, tuple(reasons)))
    return result


def application_transition(
    *,
    application: Application,
    action: Action | str,
    user,
    comment: str = "",
    expected_state: str | None = None,
) -> Application:
    """Move `application` by `action` on behalf of `user` (None: the system).

    Runs through the core engine (`brandportal.transitions`): locks the row, re-reads the
    state, checks role and conditions, saves, logs, and records notices and queues tasks
    in the same transaction (tasks on commit). `expected_state` is the state the user
    saw: if the application moved meanwhile, the call fails with Conflict instead of
    acting on a state the user never saw.
    """
    action = Action(action)
    comment = (comment or "").strip()
    if user is None and action not in SYSTEM_ACTIONS:
        raise PermissionDenied("Only system actions run without a user.")
    if user is not None and action in SYSTEM_ACTIONS:
        raise PermissionDenied
    if action in ACTIONS_NEEDING_REASON and not comment:
        raise ConditionsNotMet([_("请填写原因，企业将看到这段说明。")])
    return transitions.run_transition(
        model=Application,
        pk=application.pk,
        action=action.value,
        label=action.label,
        by=user,
        comment=comment,
        expected_state=expected_state,
        conflict_message=CONFLICT_MESSAGE,
        permitted=lambda locked: (
            user is None or _permitted(locked, _transition_meta(locked, action), user)
        ),
        after=lambda locked, entry: _after_transition(locked, action, entry),
    )


def _after_transition(application: Application, action: Action, entry) -> None:
    if action in (Action.ACCEPT, Action.RESUBMIT):
        _open_review_round(application)
    from certificates.services import certificate_follow_transition

    from .notifications import notices_queue
    from .tasks import issue_certificate

    certificate_follow_transition(application=application, entry=entry)

    notices_queue(entry)
    if action == Action.CERTIFY:
        enqueue_on_commit(issue_certificate, application.pk)


def _open_review_round(application: Application) -> Review:
    """Create this round's review, carrying the previous round's findings forward."""
    previous = application.reviews.order_by("-round").first()
    review, created = Review.objects.get_or_create(application=application, round=application.round)
    if created and previous is not None:
        for field in ("document_notes", "onsite_date", "onsite_notes", "test_results"):
            setattr(review, field, getattr(previous, field))
        review.save()
        for score in previous.scores.all():
            review.scores.create(
                indicator_id=score.indicator_id,
                score=score.score,
                passed=score.passed,
                note=score.note,
            )
    return review


def _category_mismatch(standard, product) -> str:
    return _("标准“%(standard)s”不适用于“%(category)s”类产品，请选择适用于该类别的标准。") % {
        "standard": standard.code,
        "category": product.category.name,
    }


def application_create(*, user, product, standard, certification_body, renewal_of=None):
    """Start a draft application for one of the user's own products."""
    if (
        not can(user, "certification.add_application")
        or product.enterprise_id != user.enterprise_id
    ):
        raise PermissionDenied
    errors = {}
    if standard.state != "published":
        errors["standard"] = _("只能依据已发布的标准申请认证。")
    elif not standard.applies_to(product.category):
        errors["standard"] = _category_mismatch(standard, product)
    if not certification_body.is_accredited:
        errors["certification_body"] = _("所选第三方评价机构当前未获认可。")
    if renewal_of is not None and renewal_of.product_id != product.pk:
        errors["renewal_of"] = _("续期申请须针对原证书的同一产品。")
    if errors:
        raise ValidationError(errors)
    return Application.objects.create(
        enterprise_id=product.enterprise_id,
        product=product,
        standard=standard,
        certification_body=certification_body,
        renewal_of=renewal_of,
        created_by=user,
    )


# --- documents -----------------------------------------------------------------------


def document_upload(*, application: Application, user, document_type: str, upload, note: str = ""):
    """Attach an evidence file while the application is editable by its enterprise."""
    if not can(user, "certification.change_application", application):
        if can(user, "certification.view_application", application):
            raise ConditionsNotMet([_("申请当前状态下不能修改材料。")])
        raise PermissionDenied
    try:
        kind = validate_upload(upload)
    except ValidationError as error:
        raise ValidationError({"file": error.messages}) from None
    with transaction.atomic():
        locked = Application.objects.select_for_update().get(pk=application.pk)
        if not can(user, "certification.change_application", locked):
            raise Conflict([CONFLICT_MESSAGE])
        return ApplicationDocument.objects.create(
            application=locked,
            document_type=document_type,
            file=upload,
            original_name=getattr(upload, "name", "")[:255],
            content_kind=kind,
            size=upload.size,
            round=locked.round,
            note=note,
            uploaded_by=user,
        )


def document_delete(*, document: ApplicationDocument, user) -> None:
    application = document.application
    if not can(user, "certification.change_application", application):
        raise PermissionDenied
    with transaction.atomic():
        locked = Application.objects.select_for_update().get(pk=application.pk)
        if not can(user, "certification.change_application", locked):
            raise Conflict([CONFLICT_MESSAGE])
        if document.round != locked.round:
            raise ConditionsNotMet([_("以前轮次提交的材料不能删除。")])
        storage, name = document.file.storage, document.file.name
        document.delete()
        transaction.on_commit(lambda: storage.delete(name))


# --- products and draft details ------------------------------------------------------


def product_save(*, user, product: Product) -> Product:
    """Create or update one of the user's enterprise's products (validated, then saved)."""
    if product.pk is None:
        if not can(user, "certification.add_product") or not user.enterprise_id:
            raise PermissionDenied
        product.enterprise_id = user.enterprise_id
    elif not can(user, "certification.change_product", product):
        raise PermissionDenied
    product.full_clean()
    product.save()
    return product


def product_photo_add(*, user, product: Product, image, caption: str = "") -> ProductPhoto:
    """Add a photo to one of the user's enterprise's products; the image is checked here
    (a field error on `image`) and stored re-encoded under a server-made name."""
    if not can(user, "certification.change_product", product):
        raise PermissionDenied
    photo = ProductPhoto(product=product, image=image, caption=caption)
    photo.full_clean()
    photo.save()
    return photo


def application_update(*, application: Application, user, **fields) -> Application:
    """Change a draft's (or a needs-changes application's) standard, body or notes."""
    editable = {"standard", "certification_body", "recognised_brands_note"}
    if set(fields) - editable:
        raise ValueError(f"Not editable: {sorted(set(fields) - editable)}")
    if not can(user, "certification.change_application", application):
        if can(user, "certification.view_application", application):
            raise ConditionsNotMet([_("申请当前状态下不能修改。")])
        raise PermissionDenied
    errors = {}
    standard = fields.get("standard")
    if standard is not None and standard.state != "published":
        errors["standard"] = _("只能依据已发布的标准申请认证。")
    elif standard is not None and not standard.applies_to(application.product.category):
        errors["standard"] = _category_mismatch(standard, application.product)
    body = fields.get("certification_body")
    if body is not None and not body.is_accredited:
        errors["certification_body"] = _("所选第三方评价机构当前未获认可。")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        locked = Application.objects.select_for_update().get(pk=application.pk)
        if not can(user, "certification.change_application", locked):
            raise Conflict([CONFLICT_MESSAGE])
        if locked.state != ApplicationState.DRAFT and set(fields) - {"recognised_brands_note"}:
            raise ConditionsNotMet([_("提交后不能更换依据标准或评价机构。")])
        for name, value in fields.items():
            setattr(locked, name, value)
        locked.save(update_fields=[*fields, "updated_at"])
    return locked
