"""Navigation for the base template: the public sections, and the user's own by role."""

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from .roles import Role

PUBLIC_SECTIONS = [
    (_("认证产品"), "directory:list"),
    (_("标准"), "standards:list"),
    (_("证书查验"), "certificates:verify_search"),
    (_("监管公示"), "supervision:plan_list"),
    (_("侵权信息"), "supervision:case_list"),
    (_("品牌动态"), "promotion:article_list"),
]


def _public_items():
    # A section whose app is not mounted (a trimmed URLconf) is left out, not an error.
    items = []
    for label, name in PUBLIC_SECTIONS:
        try:
            items.append((label, reverse(name)))
        except NoReverseMatch:
            continue
    return items


def _official_of_pilot_county(user) -> bool:
    from pilots.models import PilotCounty

    return (
        user.has_role(Role.COUNTY_OFFICIAL)
        and user.county_id is not None
        and PilotCounty.objects.filter(division_id=user.county_id).exists()
    )


def _own_items(user):
    items = [(_("工作台"), reverse("accounts:dashboard"))]
    if user.has_role(Role.ENTERPRISE_USER):
        items += [
            (_("企业信息"), reverse("enterprises:profile")),
            (_("我的产品"), reverse("certification:product_list")),
            (_("我的申请"), reverse("certification:application_list")),
            (_("我的证书"), reverse("certificates:list")),
            (_("购买渠道"), reverse("promotion:purchase_links")),
        ]
    if user.has_role(Role.PROVINCIAL_ADMIN) or _official_of_pilot_county(user):
        items.append((_("试点县"), reverse("pilots:overview")))
    if user.has_role(Role.COUNTY_OFFICIAL) or user.has_role(Role.PROVINCIAL_ADMIN):
        items += [
            (_("动态与案例管理"), reverse("promotion:manage_list")),
            (_("重点培育清单"), reverse("promotion:cultivation_list")),
        ]
    if user.has_role(Role.REVIEWER) or user.has_role(Role.SUPERVISOR):
        items.append((_("年度监督"), reverse("supervision:surveillance_due")))
    unread = user.notifications.filter(read_at__isnull=True).count()
    label = _("通知") if not unread else f"{_('通知')}（{unread}）"
    items.append((label, reverse("accounts:notifications")))
    if user.is_staff:
        items.append((_("管理后台"), reverse("admin:index")))
    return items


def navigation(request):
    user = getattr(request, "user", None)
    own = _own_items(user) if user is not None and user.is_authenticated else []
    return {"public_nav_items": _public_items(), "nav_items": own}
