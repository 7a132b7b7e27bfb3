from decimal import Decimal

import factory
from django.core.files.base import ContentFile

from standards.demo import placeholder_pdf
from standards.enums import Dimension, IndicatorKind, StandardState, StandardType
from standards.models import Indicator, ProductCategory, Standard


def category(code: str = "selenium_citrus") -> ProductCategory:
    """A seeded product category (the migrations load the taxonomy)."""
    return ProductCategory.objects.get(code=code)


def pdf_file(name: str = "full_text.pdf") -> ContentFile:
    return ContentFile(placeholder_pdf("Test full text"), name=name)


class StandardFactory(factory.django.DjangoModelFactory):
    """A drafting group standard; pass `state=` to start elsewhere (no transition run)."""

    class Meta:
        model = Standard
        skip_postgeneration_save = True

    code = factory.Sequence(lambda n: f"T/TEST {n + 1:03d}-2024")
    title = factory.Sequence(lambda n: f"测试标准{n}")
    type = StandardType.GROUP
    proposing_organisation = "寻乌县市场监督管理局"
    issuing_body = "江西省绿色生态品牌促进会"
    pass_score = Decimal("0")

    @factory.post_generation
    def categories(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.categories.set(extracted)


class IndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Indicator

    standard = factory.SubFactory(StandardFactory)
    dimension = Dimension.RESOURCE_SAVING
    name = factory.Sequence(lambda n: f"指标{n}")
    requirement = "满足要求。"
    kind = IndicatorKind.SCORED
    max_score = Decimal("25")
    sort_order = factory.Sequence(lambda n: n)


def publishable_standard(*, state=StandardState.SUBMITTED, pass_score="60", **fields) -> Standard:
    """A standard with a full text and one scored indicator (25) per dimension (100)."""
    fields.setdefault("full_text", pdf_file())
    standard = StandardFactory(state=state, pass_score=Decimal(pass_score), **fields)
    for dimension in Dimension:
        IndicatorFactory(standard=standard, dimension=dimension, name=f"{dimension.label}指标")
    return standard


def published_standard(**fields) -> Standard:
    fields.setdefault("published_on", "2024-01-01")
    return publishable_standard(state=StandardState.PUBLISHED, **fields)
