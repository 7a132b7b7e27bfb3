"""Every write of the promotion app: one function per action, keyword-only, atomic."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.roles import Role
from accounts.rules import can

from .enums import ArticleStatus
from .models import Article, PurchaseLink


def _county_for(user, county):
    """A county official writes for their own county whatever the form said."""
    if user.has_role(Role.COUNTY_OFFICIAL) and not user.has_role(Role.PROVINCIAL_ADMIN):
        return user.county
    return county


@transaction.atomic
def article_save(*, user, article: Article | None = None, enterprises=(), products=(), **fields):
    """Create (article None) or update an article; the body is cleaned by the model."""
    if article is None:
        if not can(user, "promotion.add_article"):
            raise PermissionDenied
        article = Article(author=user)
    elif not can(user, "promotion.change_article", article):
        raise PermissionDenied
    for name, value in fields.items():
        setattr(article, name, value)
    article.county = _county_for(user, article.county)
    article.save()
    article.enterprises.set(enterprises)
    article.products.set(products)
    return article


@transaction.atomic
def article_publish(*, user, article: Article) -> Article:
    """Publish now (a first publication keeps its date when published again)."""
    if not can(user, "promotion.publish_article", article):
        raise PermissionDenied
    article = Article.objects.select_for_update().get(pk=article.pk)
    article.status = ArticleStatus.PUBLISHED
    article.published_at = article.published_at or timezone.now()
    article.save(update_fields=["status", "published_at", "updated_at"])
    return article


@transaction.atomic
def article_unpublish(*, user, article: Article) -> Article:
    """Take an article back to draft: it leaves the public pages and the feeds."""
    if not can(user, "promotion.publish_article", article):
        raise PermissionDenied
    article = Article.objects.select_for_update().get(pk=article.pk)
    article.status = ArticleStatus.DRAFT
    article.save(update_fields=["status", "updated_at"])
    return article


def purchase_link_add(*, user, product, platform: str, url: str) -> PurchaseLink:
    """Add a shop link to one of the user's certified products.

    Refused (ValidationError, in Chinese) while the product holds no valid certificate;
    PermissionDenied when the product is not the user's enterprise's.
    """
    if not can(user, "promotion.add_purchaselink", product):
        if product.enterprise_id != user.enterprise_id:
            raise PermissionDenied
        raise ValidationError(_("只有持有效证书的产品才能添加购买渠道。"), code="not_certified")
    link = PurchaseLink(
        product=product, platform=platform.strip(), url=url.strip(), created_by=user
    )
    link.full_clean()
    try:
        with transaction.atomic():
            link.save()
    except IntegrityError:
        raise ValidationError({"url": _("该产品已添加过这个网址。")}, code="unique") from None
    return link


def purchase_link_delete(*, user, link: PurchaseLink) -> None:
    if not can(user, "promotion.delete_purchaselink", link):
        raise PermissionDenied
    link.delete()
