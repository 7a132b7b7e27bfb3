"""E-mail and in-app notices about application transitions.

The transition service records them in the outbox in its own transaction: one message
per recipient, keyed by the log entry (a rerun records nothing twice), an e-mail in
Chinese with a subject per kind of event and the same text in the portal. The outbox
sends them after the commit, retries what fails and sweeps what was lost.
"""

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from accounts.models import User
from accounts.roles import Role
from outbox.services import message_queue

from .enums import Action

# Subject lines, one per kind of event (the enterprise tells them apart in its inbox).
ENTERPRISE_SUBJECTS = {
    Action.SUBMIT: "【江西绿色生态】认证申请已提交",
    Action.WITHDRAW: "【江西绿色生态】认证申请已撤回",
    Action.ACCEPT: "【江西绿色生态】认证申请已受理",
    Action.REQUEST_CHANGES: "【江西绿色生态】认证申请需要补正",
    Action.RESUBMIT: "【江西绿色生态】补正材料已重新提交",
    Action.REJECT: "【江西绿色生态】认证申请未通过",
    Action.CERTIFY: "【江西绿色生态】认证申请已通过",
    Action.START_SUPERVISION: "【江西绿色生态】证书已颁发，产品转入监管",
    Action.SUSPEND: "【江西绿色生态】认证已被暂停",
    Action.RESTORE: "【江西绿色生态】认证已恢复",
    Action.REVOKE: "【江西绿色生态】认证已被撤销",
    Action.EXPIRE: "【江西绿色生态】认证已到期",
}
REVIEWER_SUBJECTS = {
    Action.SUBMIT: "【江西绿色生态】新的认证申请待受理",
    Action.RESUBMIT: "【江西绿色生态】认证申请已补正，待继续评审",
}


def _recipients(entry) -> list[tuple[User, str, str]]:
    application = entry.content_object
    action = Action(entry.action)
    recipients = []
    for user in User.objects.filter(enterprise_id=application.enterprise_id, is_active=True):
        recipients.append((user, ENTERPRISE_SUBJECTS[action], "enterprise"))
    if action in REVIEWER_SUBJECTS:
        conflicted = application.enterprise.reviewer_conflicts.values("reviewer_id")
        reviewers = User.objects.filter(
            certification_body_id=application.certification_body_id,
            groups__name=Role.REVIEWER,
            is_active=True,
        ).exclude(pk__in=conflicted)
        for user in reviewers:
            recipients.append((user, REVIEWER_SUBJECTS[action], "reviewer"))
    return recipients


def _url(application, audience: str) -> str:
    if audience == "reviewer":
        path = reverse("admin:certification_application_change", args=[application.pk])
    else:
        path = reverse("certification:application_detail", args=[application.pk])
    return f"{settings.SITE_URL}{path}"


def notices_queue(entry) -> int:
    """Record the notices of a log entry in the outbox; returns how many are new.

    Called in the transition's transaction; rendered in the portal's language, whatever
    the language of the request that made the transition.
    """
    queued = 0
    with translation.override(settings.LANGUAGE_CODE):
        for user, subject, audience in _recipients(entry):
            url = _url(entry.content_object, audience)
            context = {
                "entry": entry,
                "application": entry.content_object,
                "user": user,
                "url": url,
            }
            body = render_to_string(f"certification/email/{audience}.txt", context)
            message = message_queue(
                recipient_id=user.pk,
                key=f"transition:{entry.pk}",
                title=subject,
                body=body,
                url=url,
                email_subject=subject,
                email_body=body,
            )
            queued += message is not None
    return queued
