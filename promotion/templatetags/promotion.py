"""Template helpers: cleaned article HTML, absolute URLs for sharing, and the blocks
other apps' pages include (purchase links, an enterprise's cultivation entries)."""

from django import template
from django.conf import settings

from ..cultivation import cultivation_for_enterprise
from ..sanitize import safe_html
from ..selectors import public_purchase_links

register = template.Library()


@register.filter
def clean_html(value):
    """Article HTML, cleaned again at render time."""
    return safe_html(value)


@register.simple_tag
def absolute_url(path=""):
    """`path` on the public site (SITE_URL), for og:url and og:image."""
    path = str(path or "")
    if path.startswith(("http://", "https://")):
        return path
    return f"{settings.SITE_URL}/{path.lstrip('/')}"


@register.simple_tag
def purchase_links_for(*candidates):
    """The public purchase links of the first given product, or directory listing's
    product (`{% purchase_links_for listing product as links %}`; missing ones are "")."""
    for candidate in candidates:
        if candidate:
            return public_purchase_links(getattr(candidate, "product", candidate))
    return []


@register.simple_tag
def cultivation_entries_for(enterprise):
    return cultivation_for_enterprise(enterprise or None)
