"""RSS 2.0 and Atom feeds of the published news and success cases."""

from django.contrib.syndication.views import Feed
from django.urls import reverse_lazy
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from .selectors import published_articles

FEED_SIZE = 30


class ArticlesFeed(Feed):
    title = _("江西绿色生态 · 品牌动态与成功案例")
    link = reverse_lazy("promotion:article_list")
    description = _("“江西绿色生态”区域公用品牌的最新动态与获证企业成功案例。")

    def items(self):
        return published_articles()[:FEED_SIZE]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_categories(self, item):
        categories = [str(item.get_kind_display())]
        if item.county_id:
            categories.append(item.county.name)
        return categories


class ArticlesAtomFeed(ArticlesFeed):
    feed_type = Atom1Feed
    subtitle = ArticlesFeed.description
