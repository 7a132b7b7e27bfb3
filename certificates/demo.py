"""Demo certificates for local use: one valid, one suspended, issued through the services.

The demo enterprise applies for two products against the demo standards, the demo
reviewer certifies them, the certificates are issued at once (the task would find them
done), and the demo supervisor suspends the second one. Idempotent: a product that
already has a certificate is left alone.
"""

from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile

from accounts.models import User
from certification import services
from certification.enums import Action, CheckResult
from certification.models import Product
from certification.reviewing import review_complete, review_record_scores
from standards.enums import IndicatorKind
from standards.models import Standard

from .models import Certificate
from .services import certificate_issue

# (product, standard code, category code, reason for suspension or None)
DEMO_CERTIFICATES = [
    ("寻乌富硒脐橙（示例）", "T/JXGE 001-2023", None),
    ("寻乌百香果（示例）", "T/JXGE 002-2023", "监督抽查可溶性固形物不达标，限期整改（示例）"),
]
# The smallest valid PDF, standing in for the evidence documents.
PLACEHOLDER_PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _passing_review(application, reviewer) -> None:
    review = application.reviews.get(round=application.round)
    review.document_result = CheckResult.PASS
    review.onsite_result = CheckResult.PASS
    review.save()
    verdicts = {}
    for indicator in application.standard.indicators.all():
        if indicator.kind == IndicatorKind.MANDATORY:
            verdicts[indicator.pk] = {"passed": True}
        else:
            verdicts[indicator.pk] = {"score": indicator.max_score or Decimal("0")}
    review_record_scores(review=review, user=reviewer, scores=verdicts)
    review_complete(review=review, user=reviewer)


def _certify(owner, reviewer, product, standard):
    application = services.application_create(
        user=owner,
        product=product,
        standard=standard,
        certification_body=reviewer.certification_body,
    )
    for document_type in application.required_document_types():
        services.document_upload(
            application=application,
            user=owner,
            document_type=document_type,
            upload=SimpleUploadedFile("evidence.pdf", PLACEHOLDER_PDF, "application/pdf"),
        )
    for action, user in ((Action.SUBMIT, owner), (Action.ACCEPT, reviewer)):
        application = services.application_transition(
            application=application, action=action, user=user
        )
    _passing_review(application, reviewer)
    return services.application_transition(
        application=application, action=Action.CERTIFY, user=reviewer
    )


def load() -> None:
    owner = User.objects.get(email="enterprise@example.org")
    reviewer = User.objects.get(email="reviewer@example.org")
    supervisor = User.objects.get(email="supervisor@example.org")
    for name, code, suspension in DEMO_CERTIFICATES:
        standard = Standard.objects.get(code=code)
        product, _created = Product.objects.get_or_create(
            enterprise=owner.enterprise,
            name=name,
            defaults={
                "category": standard.categories.first(),
                "site_address": "江西省赣州市寻乌县澄江镇示例果园",
                "site_division": owner.enterprise.division,
            },
        )
        if Certificate.objects.filter(application__product=product).exists():
            continue
        application = _certify(owner, reviewer, product, standard)
        certificate_issue(application_id=application.pk)
        if suspension:
            services.application_transition(
                application=application, action=Action.SUSPEND, user=supervisor, comment=suspension
            )
