"""E-mail and in-app notices about application transitions.

The transition service queues `tasks.notify_transition` on commit; it creates one
in-app notification per recipient (unique per log entry, so a rerun sends nothing twice)
and e-mails each newly notified recipient in Chinese, with a subject per kind of event.
"""

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse

from accounts.models import Notification, User
from accounts.roles import Role

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
    application = entry.application
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


def deliver(entry) -> int:
    """Notify everyone concerned by a log entry; returns how many were newly notified."""
    sent = 0
    for user, subject, audience in _recipients(entry):
        url = _url(entry.application, audience)
        context = {"entry": entry, "application": entry.application, "user": user, "url": url}
        body = render_to_string(f"certification/email/{audience}.txt", context)
        try:
            with transaction.atomic():
                Notification.objects.create(
                    recipient=user, key=f"transition:{entry.pk}", title=subject, body=body, url=url
                )
        except IntegrityError:
            continue  # already notified by an earlier run
        send_mail(subject=subject, message=body, from_email=None, recipient_list=[user.email])
        sent += 1
    return sent
