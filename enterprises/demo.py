"""Demo enterprises and a certification body (invented names, valid credit codes)."""

from .models import AdministrativeDivision, CertificationBody, Enterprise, Industry

XUNWU = "360734"

DEMO_ENTERPRISES = [
    {
        "credit_code": "91360734MA35G1XK0T",
        "name": "寻乌县绿源富硒果业有限公司（示例）",
        "industry": Industry.AGRICULTURE,
        "address": "江西省赣州市寻乌县长宁镇示例路1号",
        "contact_name": "刘示例",
        "contact_phone": "13907970001",
    },
    {
        "credit_code": "91360734MA38R2LQ51",
        "name": "寻乌县百香果农业专业合作社（示例）",
        "industry": Industry.AGRICULTURE,
        "address": "江西省赣州市寻乌县澄江镇示例村",
        "contact_name": "陈示例",
        "contact_phone": "13907970002",
    },
    {
        "credit_code": "91360734MA3AB7WN20",
        "name": "寻乌县稀土新材料科技有限公司（示例）",
        "industry": Industry.INDUSTRY,
        "address": "江西省赣州市寻乌县工业园区示例大道8号",
        "contact_name": "钟示例",
        "contact_phone": "0797-2820003",
    },
]

DEMO_BODY = {
    "credit_code": "91360700MA35K8D43B",
    "name": "赣标绿色认证有限公司（示例）",
    "approval_number": "CNCA-R-2021-999",
    "address": "江西省赣州市章贡区示例路20号",
    "contact_name": "黄示例",
    "contact_phone": "0797-8000000",
    "email": "body@example.org",
}


def load() -> None:
    xunwu = AdministrativeDivision.objects.get(code=XUNWU)
    for fields in DEMO_ENTERPRISES:
        fields = dict(fields)
        code = fields.pop("credit_code")
        Enterprise.objects.get_or_create(credit_code=code, defaults={**fields, "division": xunwu})
    body = dict(DEMO_BODY)
    CertificationBody.objects.get_or_create(credit_code=body.pop("credit_code"), defaults=body)
