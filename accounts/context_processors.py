"""Navigation entries by role, for the base template."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .roles import Role


def navigation(request):
    user = getattr(request, "user", None)
    items = [(_("品牌动态"), reverse("promotion:article_list"))]
    if user is not None and user.is_authenticated:
        items.append((_("工作台"), reverse("accounts:dashboard")))
        if user.has_role(Role.ENTERPRISE_USER):
            items.append((_("企业信息"), reverse("enterprises:profile")))
            items.append((_("我的产品"), reverse("certification:product_list")))
            items.append((_("我的申请"), reverse("certification:application_list")))
            items.append((_("购买渠道"), reverse("promotion:purchase_links")))
        if user.has_role(Role.COUNTY_OFFICIAL) or user.has_role(Role.PROVINCIAL_ADMIN):
            items.append((_("试点县"), reverse("pilots:overview")))
            items.append((_("动态与案例管理"), reverse("promotion:manage_list")))
            items.append((_("重点培育清单"), reverse("promotion:cultivation_list")))
        unread = user.notifications.filter(read_at__isnull=True).count()
        label = _("通知") if not unread else f"{_('通知')}（{unread}）"
        items.append((label, reverse("accounts:notifications")))
        if user.is_staff:
            items.append((_("管理后台"), reverse("admin:index")))
    return {"nav_items": items}
