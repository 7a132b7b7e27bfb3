"""Demo standards: the general requirement and examples for Xunwu's sectors.

The source documents name no standard codes, so every code, title and indicator below
except the general requirement's title is invented, and each note says so. All are
published through the services, as a provincial administrator would.
"""

from decimal import Decimal

from django.core.files.base import ContentFile

from accounts.demo import ADMIN_EMAIL
from accounts.models import User
from enterprises.demo import XUNWU
from enterprises.models import AdministrativeDivision

from . import services
from .enums import Dimension, IndicatorKind, StandardType
from .models import Indicator, ProductCategory, Standard
from .validators import GENERAL_REQUIREMENT_CODE

EXAMPLE_NOTE = "示例数据：源文件未给出标准编号，本标准的编号、名称和指标均为演示虚构。"

M, S = IndicatorKind.MANDATORY, IndicatorKind.SCORED
R, E, C, Q = (
    Dimension.RESOURCE_SAVING,
    Dimension.ENVIRONMENTAL_PROTECTION,
    Dimension.ECOLOGICAL_SYNERGY,
    Dimension.QUALITY_LEADERSHIP,
)

DEMO_STANDARDS = [
    {
        "code": GENERAL_REQUIREMENT_CODE,
        "title": "“江西绿色生态”品牌评价通用要求",
        "type": StandardType.GENERAL,
        "categories": [],
        "proposing_organisation": "江西省市场监督管理局",
        "issuing_body": "江西省市场监督管理局",
        "pass_score": "60",
        "notes": "示例数据：通用要求的名称取自源文件，指标为演示虚构。",
        "indicators": [
            (R, "资源利用效率", "单位产品能耗、水耗优于行业平均水平。", S, "25"),
            (E, "污染物达标排放", "近三年无重大环境污染事故，污染物稳定达标排放。", M, None),
            (E, "环境管理体系", "建立并有效运行环境管理体系。", S, "25"),
            (C, "生态保护协同", "生产经营活动与所在区域生态保护要求相协调。", S, "25"),
            (Q, "质量管理", "建立质量管理体系，近三年无重大质量安全事故。", S, "25"),
        ],
    },
    {
        "code": "T/JXGE 001-2023",
        "title": "“江西绿色生态”品牌评价 富硒柑橘（示例）",
        "type": StandardType.GROUP,
        "categories": ["selenium_citrus"],
        "proposing_organisation": "寻乌县市场监督管理局（示例）",
        "county": XUNWU,
        "issuing_body": "江西省绿色生态品牌促进会（示例）",
        "pass_score": "70",
        "notes": EXAMPLE_NOTE,
        "indicators": [
            (R, "节水灌溉", "果园节水灌溉覆盖率不低于 80%。", S, "20"),
            (R, "有机肥替代", "有机肥替代化肥比例不低于 30%。", S, "15"),
            (E, "农药残留", "农药残留符合 GB 2763 要求。", M, None),
            (E, "果园废弃物资源化", "枝叶、废果等废弃物资源化利用率不低于 90%。", S, "15"),
            (C, "水土保持", "坡地果园采取梯田、植草等水土保持措施。", S, "20"),
            (Q, "硒含量", "果肉硒含量 0.01–0.10 mg/kg。", M, None),
            (Q, "可溶性固形物", "可溶性固形物含量不低于 11%。", S, "30"),
        ],
    },
    {
        "code": "T/JXGE 002-2023",
        "title": "“江西绿色生态”品牌评价 百香果（示例）",
        "type": StandardType.GROUP,
        "categories": ["passion_fruit"],
        "proposing_organisation": "寻乌县农业农村局（示例）",
        "county": XUNWU,
        "issuing_body": "江西省绿色生态品牌促进会（示例）",
        "pass_score": "70",
        "notes": EXAMPLE_NOTE,
        "indicators": [
            (R, "水肥一体化", "采用水肥一体化设施，肥料利用率不低于 40%。", S, "25"),
            (E, "绿色防控", "病虫害绿色防控覆盖率不低于 90%。", S, "25"),
            (E, "农药残留", "农药残留符合 GB 2763 要求。", M, None),
            (C, "林果间作", "不毁林开垦，利用林下或荒坡发展生产。", S, "20"),
            (Q, "果实品质", "单果重不低于 70 g，可溶性固形物不低于 15%。", S, "30"),
        ],
    },
    {
        "code": "T/JXRE 001-2023",
        "title": "“江西绿色生态”品牌评价 稀土新材料（示例）",
        "type": StandardType.GROUP,
        "categories": ["rare_earth_materials"],
        "proposing_organisation": "寻乌县工业和信息化局（示例）",
        "county": XUNWU,
        "issuing_body": "江西省稀土行业协会（示例）",
        "pass_score": "75",
        "notes": EXAMPLE_NOTE,
        "indicators": [
            (R, "稀土回收率", "冶炼分离稀土总回收率不低于 94%。", S, "25"),
            (R, "单位产品综合能耗", "单位产品综合能耗达到行业先进值。", S, "20"),
            (E, "废水氨氮排放", "氨氮排放符合 GB 26451 要求。", M, None),
            (C, "矿山生态修复", "参与废弃稀土矿山生态修复并达到验收要求。", S, "25"),
            (Q, "产品纯度", "主要产品纯度不低于 99.99%。", S, "30"),
        ],
    },
]


def placeholder_pdf(text: str) -> bytes:
    """A one-page PDF saying `text` (ASCII), standing in for a standard's full text."""
    stream = f"BT /F1 14 Tf 72 720 Td ({text}) Tj ET".encode("ascii")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream),
    ]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def _create(spec: dict, admin: User) -> None:
    standard = Standard(
        code=spec["code"],
        title=spec["title"],
        type=spec["type"],
        proposing_organisation=spec["proposing_organisation"],
        proposing_county=(
            AdministrativeDivision.objects.get(code=spec["county"]) if "county" in spec else None
        ),
        issuing_body=spec["issuing_body"],
        pass_score=Decimal(spec["pass_score"]),
        notes=spec["notes"],
    )
    standard.full_clean()
    standard.full_text.save(
        "demo.pdf", ContentFile(placeholder_pdf("Example full text (demo data)")), save=False
    )
    standard.save()
    standard.categories.set(ProductCategory.objects.filter(code__in=spec["categories"]))
    for order, (dimension, name, requirement, kind, max_score) in enumerate(spec["indicators"]):
        Indicator.objects.create(
            standard=standard,
            dimension=dimension,
            name=name,
            requirement=requirement,
            kind=kind,
            max_score=Decimal(max_score) if max_score else None,
            sort_order=(order + 1) * 10,
        )
    standard = services.standard_submit(standard=standard, user=admin, comment="示例数据")
    services.standard_publish(standard=standard, user=admin, comment="示例数据")


def load() -> None:
    admin = User.objects.get(email=ADMIN_EMAIL)
    for spec in DEMO_STANDARDS:
        if not Standard.objects.filter(code=spec["code"]).exists():
            _create(spec, admin)
