from decimal import Decimal

import factory
from django.core.files.uploadedfile import SimpleUploadedFile

from accounts.roles import Role
from certification import services
from certification.enums import Action
from certification.models import Application, ApplicationDocument, Product
from standards.enums import Dimension, IndicatorKind, StandardState, StandardType
from standards.models import Indicator, ProductCategory, Standard

from .accounts import user_with_role
from .enterprises import CertificationBodyFactory, EnterpriseFactory, county
from .images import image_bytes

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
# A real PNG: images are decoded and re-encoded when uploaded.
PNG_BYTES = image_bytes("PNG")


def pdf_upload(name="evidence.pdf", content=PDF_BYTES):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


class ScoredStandardFactory(factory.django.DjangoModelFactory):
    """A published group standard with one mandatory and two scored indicators (max 100)."""

    class Meta:
        model = Standard
        skip_postgeneration_save = True

    code = factory.Sequence(lambda n: f"T/JXGE {n + 1:03d}-2024")
    title = factory.Sequence(lambda n: f"江西绿色生态 测试产品{n}")
    type = StandardType.GROUP
    state = StandardState.PUBLISHED
    pass_score = Decimal("60")
    proposing_organisation = "江西省绿色生态品牌促进会"

    @factory.post_generation
    def indicators(obj, create, extracted, **kwargs):
        if not create or extracted is False:
            return
        Indicator.objects.create(
            standard=obj,
            dimension=Dimension.ENVIRONMENTAL_PROTECTION,
            name="无重大环境违法记录",
            requirement="近三年无重大环境违法行为。",
            kind=IndicatorKind.MANDATORY,
            sort_order=1,
        )
        Indicator.objects.create(
            standard=obj,
            dimension=Dimension.RESOURCE_SAVING,
            name="单位产品能耗",
            requirement="低于行业平均水平。",
            kind=IndicatorKind.SCORED,
            max_score=Decimal("40"),
            sort_order=2,
        )
        Indicator.objects.create(
            standard=obj,
            dimension=Dimension.QUALITY_LEADERSHIP,
            name="产品质量",
            requirement="主要质量指标优于国家标准。",
            kind=IndicatorKind.SCORED,
            max_score=Decimal("60"),
            sort_order=3,
        )


class ProductFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Product

    enterprise = factory.SubFactory(EnterpriseFactory)
    name = factory.Sequence(lambda n: f"富硒脐橙{n}号")
    category = factory.LazyFunction(
        lambda: ProductCategory.objects.filter(parent__isnull=False).first()
    )
    site_address = "江西省赣州市寻乌县果园路1号"
    site_division = factory.LazyFunction(county)


class ApplicationFactory(factory.django.DjangoModelFactory):
    """A draft application of an enterprise user's product (state set only by services)."""

    class Meta:
        model = Application

    product = factory.SubFactory(ProductFactory)
    enterprise = factory.LazyAttribute(lambda o: o.product.enterprise)
    standard = factory.SubFactory(ScoredStandardFactory)
    certification_body = factory.SubFactory(CertificationBodyFactory)
    created_by = factory.LazyAttribute(
        lambda o: user_with_role(Role.ENTERPRISE_USER, enterprise=o.product.enterprise)
    )


def add_required_documents(application, user=None):
    user = user or application.created_by
    for document_type in application.required_document_types():
        ApplicationDocument.objects.create(
            application=application,
            document_type=document_type,
            file=pdf_upload(),
            original_name="evidence.pdf",
            content_kind="pdf",
            size=len(PDF_BYTES),
            round=application.round,
            uploaded_by=user,
        )


def passing_review(application, reviewer):
    """Score the current round to a pass and complete it."""
    from certification.enums import CheckResult
    from certification.reviewing import review_complete, review_record_scores

    review = application.reviews.get(round=application.round)
    review.document_result = CheckResult.PASS
    review.onsite_result = CheckResult.PASS
    review.save()
    verdicts = {}
    for indicator in application.standard.indicators.all():
        if indicator.kind == IndicatorKind.MANDATORY:
            verdicts[indicator.pk] = {"passed": True}
        else:
            verdicts[indicator.pk] = {"score": indicator.max_score}
    review_record_scores(review=review, user=reviewer, scores=verdicts)
    review, _reasons = review_complete(review=review, user=reviewer)
    return review


def reviewer_for(application):
    return user_with_role(Role.REVIEWER, certification_body=application.certification_body)


def supervisor():
    return user_with_role(Role.SUPERVISOR)


def advance(application, *actions, reviewer=None, comment="原因说明"):
    """Walk an application through actions as the right person for each."""
    owner = application.created_by
    reviewer = reviewer or reviewer_for(application)
    official = None
    for action in actions:
        action = Action(action)
        application.refresh_from_db()
        if action == Action.START_SUPERVISION and application.state == "supervised":
            # Where on-commit callbacks run, the certificate task already did it.
            continue
        if action in (Action.SUBMIT, Action.RESUBMIT, Action.WITHDRAW):
            if action != Action.WITHDRAW and application.missing_document_types():
                add_required_documents(application, owner)
            user = owner
        elif action in (Action.ACCEPT, Action.REQUEST_CHANGES, Action.REJECT, Action.CERTIFY):
            if action == Action.CERTIFY:
                passing_review(application, reviewer)
            user = reviewer
        elif action in (Action.START_SUPERVISION, Action.EXPIRE):
            user = None
        else:
            official = official or supervisor()
            user = official
        application = services.application_transition(
            application=application, action=action, user=user, comment=comment
        )
    return application
