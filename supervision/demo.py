"""Demo supervision data for local use, made through the services.

A closed 双随机 plan over the demo certificates (with a second demo inspector, since a
check needs two), a confirmed infringement case and a freshly reported one. Idempotent:
nothing is added when the demo plan exists. Runs after `certificates.demo`.
"""

import datetime

from django.utils import timezone

from accounts.demo import _user
from accounts.models import User
from accounts.roles import Role

from . import services
from .enums import CheckResult
from .models import SpotCheckPlan

PLAN_TITLE = "2026年寻乌县“江西绿色生态”证后双随机抽查（示例）"


def load() -> None:
    if SpotCheckPlan.objects.filter(title=PLAN_TITLE).exists():
        return
    official = User.objects.get(email="supervisor@example.org")
    _user("inspector@example.org", "检查人员（示例）", Role.SUPERVISOR)
    plan = services.plan_create(user=official, title=PLAN_TITLE, enterprise_count=1)
    plan = services.plan_draw(plan=plan, user=official)
    checked_on = timezone.localdate() - datetime.timedelta(days=7)
    for check in plan.checks.all():
        services.check_record_result(
            check=check,
            user=check.inspectors.first(),
            result=CheckResult.PASSED,
            checked_on=checked_on,
        )
    services.plan_close(plan=plan, user=official)

    case = services.case_report(
        kind="forged",
        party_name="某果品商行（示例）",
        place="赣州市章贡区某农贸市场（示例）",
        description="销售的脐橙包装印有伪造的“江西绿色生态”标识。",
        reporter_contact="13800000000",
    )
    case = services.case_investigate(case=case, user=official)
    services.case_confirm(
        case=case,
        user=official,
        decision_number="赣市监处〔2026〕示例1号",
        decision_date=checked_on,
        penalty="责令停止使用伪造标识，没收相关包装（示例）。",
    )
    services.case_report(
        party_name="某网店（示例）",
        place="https://shop.example.com/（示例）",
        description="网店商品详情页使用品牌标识，未查到对应证书。",
    )
