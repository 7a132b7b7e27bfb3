"""One demo user per role. Local use only: the passwords are in the README."""

from django.utils import timezone

from enterprises.demo import DEMO_BODY, DEMO_ENTERPRISES, XUNWU
from enterprises.models import AdministrativeDivision, CertificationBody, Enterprise

from .models import User
from .roles import Role

ADMIN_EMAIL = "admin@example.org"
ADMIN_PASSWORD = "jxge-admin-2026"
DEMO_PASSWORD = "jxge-demo-2026"


def _user(email: str, full_name: str, role: Role | None, **fields) -> User:
    user, created = User.objects.get_or_create(
        email=email,
        defaults={"full_name": full_name, "email_verified_at": timezone.now(), **fields},
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
        if role is not None:
            user.add_role(role)
    return user


def load() -> None:
    if not User.objects.filter(email=ADMIN_EMAIL).exists():
        admin = User.objects.create_superuser(
            email=ADMIN_EMAIL, password=ADMIN_PASSWORD, full_name="系统管理员"
        )
        admin.add_role(Role.PROVINCIAL_ADMIN)
    _user("province@example.org", "省级管理员（示例）", Role.PROVINCIAL_ADMIN)
    _user(
        "enterprise@example.org",
        "企业用户（示例）",
        Role.ENTERPRISE_USER,
        enterprise=Enterprise.objects.get(credit_code=DEMO_ENTERPRISES[0]["credit_code"]),
    )
    _user(
        "reviewer@example.org",
        "审核员（示例）",
        Role.REVIEWER,
        certification_body=CertificationBody.objects.get(credit_code=DEMO_BODY["credit_code"]),
    )
    _user("supervisor@example.org", "市场监管人员（示例）", Role.SUPERVISOR)
    _user(
        "county@example.org",
        "寻乌县工作人员（示例）",
        Role.COUNTY_OFFICIAL,
        county=AdministrativeDivision.objects.get(code=XUNWU),
    )
