"""Public pages: the list of news and cases with filters, and an article's page."""

from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render

from ..forms import ArticleFilterForm
from ..selectors import (
    articles_editable_by,
    product_public_url,
    public_purchase_links,
    published_articles,
)

PAGE_SIZE = 12


def article_list(request):
    form = ArticleFilterForm(request.GET or None)
    articles = published_articles()
    if form.is_valid():
        if form.cleaned_data["kind"]:
            articles = articles.filter(kind=form.cleaned_data["kind"])
        if form.cleaned_data["county"]:
            articles = articles.filter(county=form.cleaned_data["county"])
    page = Paginator(articles, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {"form": form, "page": page, "query": query.urlencode()}
    return render(request, "promotion/article_list.html", context)


def article_detail(request, pk):
    """A published article; its editors may also preview a draft."""
    article = published_articles().filter(pk=pk).first()
    if article is None:
        article = get_object_or_404(articles_editable_by(request.user), pk=pk)
    products = [
        {
            "product": product,
            "url": product_public_url(product),
            "links": public_purchase_links(product),
        }
        for product in article.products.select_related("enterprise").order_by("name")
    ]
    context = {
        "article": article,
        "products": products,
        "enterprises": article.enterprises.all(),
        "preview": not article.is_published,
    }
    return render(request, "promotion/article_detail.html", context)
