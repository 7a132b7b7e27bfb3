"""The certified products in the sitemap: every public product page, newest change first."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from .models import Listing


class ListingSitemap(Sitemap):
    changefreq = "weekly"
    limit = 10_000  # a page of the sitemap index per 10,000 products

    def items(self):
        # Only the columns the entries need: the directory may hold a million rows.
        return Listing.objects.order_by("pk").only("number", "updated_at")

    def location(self, item):
        return reverse("directory:detail", args=[item.number])

    def lastmod(self, item):
        return item.updated_at
