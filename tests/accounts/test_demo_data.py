import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from accounts.demo import ADMIN_EMAIL, ADMIN_PASSWORD, DEMO_PASSWORD
from accounts.models import User
from accounts.roles import Role
from enterprises.models import CertificationBody, Enterprise
from enterprises.validators import validate_credit_code

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _development_mode(settings):
    # The test runner turns DEBUG off; demo data is for development mode.
    settings.DEBUG = True


def _snapshot():
    return {
        "users": sorted(User.objects.values_list("email", "password", "is_staff", "enterprise_id")),
        "enterprises": sorted(Enterprise.objects.values_list("credit_code", "name", "updated_at")),
        "bodies": sorted(CertificationBody.objects.values_list("credit_code", "name")),
        "memberships": sorted(User.groups.through.objects.values_list("user_id", "group_id")),
    }


def test_seed_demo_creates_one_user_per_role_and_xunwu_enterprises():
    call_command("seed_demo")
    for role in Role:
        assert User.objects.filter(groups__name=role).exists(), role
    admin = User.objects.get(email=ADMIN_EMAIL)
    assert admin.is_superuser and admin.check_password(ADMIN_PASSWORD)
    enterprise_user = User.objects.get(email="enterprise@example.org")
    assert enterprise_user.check_password(DEMO_PASSWORD)
    assert enterprise_user.enterprise is not None
    xunwu = Enterprise.objects.filter(division__code="360734")
    assert xunwu.count() >= 3
    for enterprise in xunwu:
        validate_credit_code(enterprise.credit_code)
    assert User.objects.get(email="county@example.org").county.code == "360734"
    assert User.objects.get(email="reviewer@example.org").certification_body is not None


def test_seed_demo_second_run_changes_nothing():
    call_command("seed_demo")
    before = _snapshot()
    call_command("seed_demo")
    assert _snapshot() == before


def test_seed_demo_refused_in_production_mode(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError):
        call_command("seed_demo")
    assert not User.objects.exists()


def test_seed_demo_logins_work(client):
    call_command("seed_demo")
    for email in ["enterprise@example.org", "reviewer@example.org", "county@example.org"]:
        assert client.login(email=email, password=DEMO_PASSWORD), email
        client.logout()
