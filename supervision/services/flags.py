"""Flag what is overdue to the people who act on it, once per item (idempotent keys)."""

import datetime

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.roles import Role
from outbox.services import message_queue


def _notify_once(recipient_id: int, key: str, title: str, url: str) -> bool:
    """Record the notice in the outbox unless it is there already (sent after commit)."""
    return message_queue(recipient_id=recipient_id, key=key, title=title, url=url) is not None


def overdue_flags_send(*, today: datetime.date | None = None) -> int:
    """Tell supervisors of overdue surveillance audits, and a check's inspectors of a
    missed rectification deadline; each once. Returns the number of new notifications."""
    from ..selectors import overdue_rectifications, surveillance_overdue

    today = today or timezone.localdate()
    sent = 0
    supervisors = list(
        User.objects.filter(is_active=True, groups__name=Role.SUPERVISOR).values_list(
            "pk", flat=True
        )
    )
    url = reverse("supervision:surveillance_due")
    for due in surveillance_overdue(today=today):
        title = _("证书 %(number)s 第 %(n)s 年监督审核已逾期（应于 %(date)s 完成）") % {
            "number": due.certificate.number,
            "n": due.year_number,
            "date": due.due_on.isoformat(),
        }
        key = f"surveillance-overdue:{due.certificate.pk}:{due.year_number}"
        sent += sum(_notify_once(pk, key, title, url) for pk in supervisors)
    for check in overdue_rectifications(today=today).prefetch_related("inspectors"):
        title = _("%(enterprise)s 逾期未完成整改（期限 %(date)s）") % {
            "enterprise": check.enterprise.name,
            "date": check.rectification_deadline.isoformat(),
        }
        check_url = reverse("admin:supervision_spotcheck_change", args=[check.pk])
        key = f"rectification-overdue:{check.pk}"
        sent += sum(_notify_once(i.pk, key, title, check_url) for i in check.inspectors.all())
    return sent
