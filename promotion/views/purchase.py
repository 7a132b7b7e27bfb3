"""An enterprise's purchase links (购买渠道) for its certified products."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.roles import Role
from certification.selectors import own_products

from .. import services
from ..forms import PurchaseLinkForm
from ..selectors import products_with_valid_certificate, purchase_links_of


def _enterprise_user(user):
    if not (user.has_role(Role.ENTERPRISE_USER) and user.enterprise_id):
        raise PermissionDenied


def _page(request, forms_by_product=None, status=200):
    products = list(own_products(request.user).order_by("name"))
    certified = set(
        products_with_valid_certificate()
        .filter(enterprise_id=request.user.enterprise_id)
        .values_list("pk", flat=True)
    )
    links = {}
    for link in purchase_links_of(request.user):
        links.setdefault(link.product_id, []).append(link)
    forms_by_product = forms_by_product or {}
    rows = [
        {
            "product": product,
            "certified": product.pk in certified,
            "links": links.get(product.pk, []),
            "form": forms_by_product.get(product.pk) or PurchaseLinkForm(prefix=f"p{product.pk}"),
        }
        for product in products
    ]
    return render(request, "promotion/purchase_links.html", {"rows": rows}, status=status)


@login_required
def purchase_links(request):
    _enterprise_user(request.user)
    return _page(request)


@login_required
@require_POST
def purchase_link_add(request, product_pk):
    _enterprise_user(request.user)
    product = get_object_or_404(own_products(request.user), pk=product_pk)
    form = PurchaseLinkForm(request.POST, prefix=f"p{product.pk}")
    if form.is_valid():
        try:
            services.purchase_link_add(user=request.user, product=product, **form.cleaned_data)
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                for field, errors in error.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                form.add_error(None, error.messages)
        else:
            messages.success(request, _("购买渠道已添加。"))
            return redirect("promotion:purchase_links")
    return _page(request, {product.pk: form}, status=400)


@login_required
@require_POST
def purchase_link_delete(request, pk):
    _enterprise_user(request.user)
    link = get_object_or_404(purchase_links_of(request.user), pk=pk)
    services.purchase_link_delete(user=request.user, link=link)
    messages.success(request, _("购买渠道已删除。"))
    return redirect("promotion:purchase_links")
