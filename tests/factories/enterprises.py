import factory

from enterprises.models import AdministrativeDivision, CertificationBody, Enterprise, Industry
from enterprises.validators import CREDIT_CODE_ALPHABET, credit_code_check_character


def make_credit_code(n: int, division: str = "360734") -> str:
    """A valid, distinct credit code for the n-th factory object."""
    serial = ""
    for _ in range(9):
        n, digit = divmod(n, len(CREDIT_CODE_ALPHABET))
        serial = CREDIT_CODE_ALPHABET[digit] + serial
    first17 = f"91{division}{serial}"
    return first17 + credit_code_check_character(first17)


def county(code: str = "360734") -> AdministrativeDivision:
    """A seeded division (the migrations load Ganzhou's counties, 寻乌县 = 360734)."""
    return AdministrativeDivision.objects.get(code=code)


class EnterpriseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Enterprise

    name = factory.Sequence(lambda n: f"测试企业{n}有限公司")
    credit_code = factory.Sequence(lambda n: make_credit_code(n + 1))
    division = factory.LazyFunction(county)
    industry = Industry.AGRICULTURE
    address = "江西省赣州市寻乌县测试路1号"
    contact_name = "张三"
    contact_phone = "13800000000"


class CertificationBodyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CertificationBody

    name = factory.Sequence(lambda n: f"测试认证机构{n}")
    credit_code = factory.Sequence(lambda n: make_credit_code(n + 500_000, "360700"))
    approval_number = factory.Sequence(lambda n: f"CNCA-R-2026-{n:03d}")
