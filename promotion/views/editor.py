"""The front-office editor: provincial administrators and county officials (own county)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.rules import can

from .. import services
from ..forms import ArticleForm
from ..selectors import articles_editable_by


def _editor_required(user):
    if not can(user, "promotion.add_article"):
        raise PermissionDenied


@login_required
def manage_list(request):
    _editor_required(request.user)
    articles = articles_editable_by(request.user).order_by("-updated_at", "-pk")[:200]
    return render(request, "promotion/manage_list.html", {"articles": articles})


def _save(request, article, form):
    data = dict(form.cleaned_data)
    enterprises = data.pop("enterprises")
    products = data.pop("products")
    if data.get("cover") is None:
        data.pop("cover")  # unchanged
    elif data["cover"] is False:
        data["cover"] = ""  # cleared
    return services.article_save(
        user=request.user, article=article, enterprises=enterprises, products=products, **data
    )


@login_required
def manage_create(request):
    _editor_required(request.user)
    form = ArticleForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        article = _save(request, None, form)
        messages.success(request, _("已保存为草稿。"))
        return redirect("promotion:manage_edit", article.pk)
    return render(request, "promotion/manage_form.html", {"form": form, "article": None})


@login_required
def manage_edit(request, pk):
    article = get_object_or_404(articles_editable_by(request.user), pk=pk)
    form = ArticleForm(
        request.POST or None, request.FILES or None, instance=article, user=request.user
    )
    if request.method == "POST" and form.is_valid():
        article = _save(request, article, form)
        messages.success(request, _("已保存。"))
        return redirect("promotion:manage_edit", article.pk)
    return render(request, "promotion/manage_form.html", {"form": form, "article": article})


@login_required
@require_POST
def manage_publish(request, pk):
    article = get_object_or_404(articles_editable_by(request.user), pk=pk)
    if request.POST.get("action") == "unpublish":
        services.article_unpublish(user=request.user, article=article)
        messages.success(request, _("已撤回为草稿。"))
    else:
        services.article_publish(user=request.user, article=article)
        messages.success(request, _("已发布。"))
    return redirect("promotion:manage_edit", article.pk)
