"""The standards catalogue in the sitemap: published, withdrawn and superseded ones."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from .models import Standard


class StandardSitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        return Standard.objects.public().order_by("pk").only("pk", "updated_at")

    def location(self, item):
        return reverse("standards:detail", args=[item.pk])

    def lastmod(self, item):
        return item.updated_at
