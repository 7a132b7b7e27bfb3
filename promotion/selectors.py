"""Reads of the promotion app: what the public sees and what an editor may touch."""

import datetime

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from accounts.roles import Role
from certificates.enums import CertificateStatus
from certificates.models import Certificate
from certification.models import Product
from enterprises.models import AdministrativeDivision, Enterprise
from pilots.models import PilotCounty
from standards.models import Standard

from .models import Article, CultivationEntry, PurchaseLink

# --- certificates, as the public sees them ----------------------------------------------


def valid_certificates(today: datetime.date | None = None) -> QuerySet[Certificate]:
    """Certificates in force: status valid and not past their last day (the expiry
    sweep may not have run yet today)."""
    today = today or timezone.localdate()
    return Certificate.objects.filter(status=CertificateStatus.VALID, valid_until__gte=today)


def has_valid_certificate(product) -> bool:
    return valid_certificates().filter(application__product_id=product.pk).exists()


def products_with_valid_certificate() -> QuerySet[Product]:
    return Product.objects.filter(
        Exists(valid_certificates().filter(application__product_id=OuterRef("pk")))
    )


def home_figures() -> dict[str, int]:
    """The home page's live figures, each counted from the records."""
    valid = valid_certificates()
    return {
        "enterprises": Enterprise.objects.filter(
            Exists(valid.filter(application__enterprise_id=OuterRef("pk")))
        ).count(),
        "products": products_with_valid_certificate().count(),
        "standards": Standard.objects.published().count(),
        "pilot_counties": PilotCounty.objects.count(),
    }


def _reverse_or_none(name: str, *args) -> str | None:
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return None


def _directory_product_url(certificate) -> str | None:
    """The directory's public page of the certified product, when the directory is wired
    (it is keyed by certificate number)."""
    if certificate is None:
        return None
    return _reverse_or_none("directory:detail", certificate.number)


def directory_search_url() -> str | None:
    """The directory's search page (GET ?q=), when the directory is wired."""
    return _reverse_or_none("directory:list")


def product_public_url(product) -> str | None:
    """Where a case links a featured product: the directory's product page if it exists,
    else the verification page of its valid certificate (or, failing that, of its latest
    certificate, which then tells the public it is no longer valid); None if never certified.
    """
    certificate = (
        valid_certificates()
        .filter(application__product_id=product.pk)
        .order_by("-issued_on")
        .first()
        or Certificate.objects.filter(application__product_id=product.pk)
        .order_by("-issued_on", "-pk")
        .first()
    )
    url = _directory_product_url(certificate)
    if url:
        return url
    if certificate is None:
        return None
    return reverse("certificates:verify", args=[certificate.number])


def public_purchase_links(product) -> list[PurchaseLink]:
    """A product's purchase links, or none at all while it holds no valid certificate."""
    if product is None or not has_valid_certificate(product):
        return []
    return list(PurchaseLink.objects.filter(product_id=product.pk))


# --- articles ----------------------------------------------------------------------------


def published_articles() -> QuerySet[Article]:
    return Article.objects.published().with_related()


def article_counties() -> QuerySet[AdministrativeDivision]:
    """Counties with at least one published article, for the list's county filter."""
    return AdministrativeDivision.objects.filter(
        Exists(Article.objects.published().filter(county_id=OuterRef("pk")))
    )


def _county_official_county_id(user):
    if user.has_role(Role.COUNTY_OFFICIAL):
        return user.county_id
    return None


def articles_editable_by(user) -> QuerySet[Article]:
    """All articles for provincial administrators; a county official's own county's."""
    queryset = Article.objects.with_related()
    if user is None or not user.is_authenticated:
        return queryset.none()
    if user.has_role(Role.PROVINCIAL_ADMIN):
        return queryset
    county_id = _county_official_county_id(user)
    return queryset.filter(county_id=county_id) if county_id else queryset.none()


def enterprises_for_articles(user) -> QuerySet[Enterprise]:
    """Enterprises an editor may feature: all, or those of the official's county."""
    queryset = Enterprise.objects.all()
    if user.has_role(Role.PROVINCIAL_ADMIN):
        return queryset
    county_id = _county_official_county_id(user)
    return queryset.filter(division_id=county_id) if county_id else queryset.none()


def products_for_articles(user) -> QuerySet[Product]:
    """Certified products (valid certificate) an editor may feature."""
    queryset = products_with_valid_certificate().select_related("enterprise")
    if user.has_role(Role.PROVINCIAL_ADMIN):
        return queryset
    county_id = _county_official_county_id(user)
    return queryset.filter(enterprise__division_id=county_id) if county_id else queryset.none()


def counties_for_articles(user) -> QuerySet[AdministrativeDivision]:
    from enterprises.models import DivisionLevel

    queryset = AdministrativeDivision.objects.filter(level=DivisionLevel.COUNTY)
    if user.has_role(Role.PROVINCIAL_ADMIN):
        return queryset
    county_id = _county_official_county_id(user)
    return queryset.filter(pk=county_id) if county_id else queryset.none()


# --- cultivation lists and purchase links ------------------------------------------------


def cultivation_entries_visible_to(user) -> QuerySet[CultivationEntry]:
    queryset = CultivationEntry.objects.select_related("county", "enterprise", "product", "sector")
    if user is None or not user.is_authenticated:
        return queryset.none()
    if user.has_role(Role.PROVINCIAL_ADMIN):
        return queryset
    reach = Q(pk__in=[])
    county_id = _county_official_county_id(user)
    if county_id:
        reach |= Q(county_id=county_id)
    if user.has_role(Role.ENTERPRISE_USER) and user.enterprise_id:
        reach |= Q(enterprise_id=user.enterprise_id)
    return queryset.filter(reach)


def purchase_links_of(user) -> QuerySet[PurchaseLink]:
    """The purchase links of the user's own enterprise's products."""
    if not user.is_authenticated or not user.enterprise_id:
        return PurchaseLink.objects.none()
    return PurchaseLink.objects.filter(product__enterprise_id=user.enterprise_id).select_related(
        "product"
    )
