from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from accounts.rules import can

from . import services
from .forms import EnterpriseForm
from .selectors import enterprises_visible_to


def _own_enterprise(user):
    if not user.enterprise_id:
        return None
    return get_object_or_404(enterprises_visible_to(user), pk=user.enterprise_id)


@login_required
def profile(request):
    enterprise = _own_enterprise(request.user)
    if enterprise is None:
        return redirect("enterprises:create")
    return render(request, "enterprises/profile.html", {"enterprise": enterprise})


@login_required
def create(request):
    user = request.user
    if user.enterprise_id:
        return redirect("enterprises:profile")
    if not can(user, "enterprises.register_enterprise"):
        return render(request, "enterprises/create_blocked.html", status=403)
    form = EnterpriseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.enterprise_register(user=user, **form.cleaned_data)
        except services.DuplicateCreditCode:
            form.add_error("credit_code", _("该统一社会信用代码已被注册。"))
        except PermissionDenied:
            return redirect("enterprises:profile")
        else:
            messages.success(request, _("企业信息已保存。"))
            return redirect("enterprises:profile")
    return render(request, "enterprises/form.html", {"form": form, "creating": True})


@login_required
def edit(request):
    enterprise = _own_enterprise(request.user)
    if enterprise is None or not can(request.user, "enterprises.change_enterprise", enterprise):
        return redirect("enterprises:create")
    form = EnterpriseForm(request.POST or None, instance=enterprise)
    if request.method == "POST" and form.is_valid():
        try:
            services.enterprise_update(
                user=request.user, enterprise=enterprise, **form.cleaned_data
            )
        except services.DuplicateCreditCode:
            form.add_error("credit_code", _("该统一社会信用代码已被注册。"))
        else:
            messages.success(request, _("企业信息已更新。"))
            return redirect("enterprises:profile")
    return render(request, "enterprises/form.html", {"form": form, "creating": False})
