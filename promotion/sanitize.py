"""Article HTML cleaning with nh3: an allowlist of tags, attributes and URL schemes.

Bodies are cleaned when saved and again when rendered, so a row written around the
model (a fixture, a raw update, an older allowlist) still cannot carry a script.
Anything not listed is dropped: scripts and styles with their content, event handlers
(`on*` attributes are never allowed), and `javascript:`/`data:` URLs (only http, https
and mailto survive; relative URLs are kept for images under MEDIA_URL).
"""

import nh3
from django.utils.safestring import SafeString, mark_safe

TAGS = frozenset(
    {
        "h2", "h3", "h4", "p", "br", "hr", "strong", "b", "em", "i", "u", "s", "sub", "sup",
        "blockquote", "ul", "ol", "li", "a", "img", "figure", "figcaption",
        "table", "thead", "tbody", "tr", "th", "td", "caption",
    }
)  # fmt: skip
ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title", "width", "height"},
    "th": {"colspan", "rowspan"},
    "td": {"colspan", "rowspan"},
    "ol": {"start"},
}
URL_SCHEMES = frozenset({"http", "https", "mailto"})
# Removed together with everything inside them, not just unwrapped.
DROPPED_WITH_CONTENT = frozenset({"script", "style", "iframe", "object", "embed", "noscript"})


def clean_html(html: str | None) -> str:
    """The article HTML reduced to the allowlist (a plain string)."""
    if not html:
        return ""
    return nh3.clean(
        html,
        tags=set(TAGS),
        clean_content_tags=set(DROPPED_WITH_CONTENT),
        attributes={tag: set(names) for tag, names in ATTRIBUTES.items()},
        url_schemes=set(URL_SCHEMES),
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    )


def safe_html(html: str | None) -> SafeString:
    """Clean, then mark safe for templates: the only way article HTML reaches a page."""
    return mark_safe(clean_html(html))  # cleaned by the allowlist above
