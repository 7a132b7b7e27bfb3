"""Published news and success cases in the sitemap."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from .models import Article


class ArticleSitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        return Article.objects.published().order_by("pk").only("pk", "updated_at")

    def location(self, item):
        return reverse("promotion:article_detail", args=[item.pk])

    def lastmod(self, item):
        return item.updated_at
