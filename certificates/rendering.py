"""The certificate as a PDF: an HTML template rendered by WeasyPrint, with a QR code.

The layout shrinks the facts until they fit inside the border (`layout`); the brand
mark is the portal's own SVG (static/brand/mark.svg, no text) and the certification
body's seal is a drawn placeholder in the same face, so neither adds a font.

One font face only, Noto Serif CJK SC (Debian's fonts-noto-cjk), named in every CSS
rule that can hold text and never asked in bold: every further face embeds another
~100–150 KB subset. WeasyPrint subsets it through libharfbuzz-subset (fast); one
FontConfiguration is reused for the life of the process.
"""

import base64
import functools
import logging

import segno
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.safestring import mark_safe

from .layout import (
    FIT_LEVELS,
    FIT_STYLES,
    first_fit_guess,
    overflowing_boxes,
    seal_arc,
)
from .signing import sign_number

FONT_FAMILY = "Noto Serif CJK SC"
TEMPLATE = "certificates/certificate_pdf.html"

logger = logging.getLogger(__name__)

# WeasyPrint logs every rendering step at INFO: keep workers' logs for what matters.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)


@functools.cache
def font_configuration():
    from weasyprint.text.fonts import FontConfiguration

    return FontConfiguration()


@functools.cache
def brand_mark_svg() -> str:
    """The brand mark, inlined in the page: WeasyPrint then neither fetches nor parses a
    file per certificate."""
    path = settings.BASE_DIR / "static" / "brand" / "mark.svg"
    return mark_safe(path.read_text(encoding="utf-8"))  # our own file, no user data


def seal_image_uri(certificate) -> str:
    """The certification body's uploaded seal (re-encoded PNG) as a data URI, or "" to
    draw the placeholder; a certificate without an application (a preview) has none."""
    if certificate.application_id is None:
        return ""
    seal = certificate.application.certification_body.seal
    if not seal:
        return ""
    with seal.open("rb") as file:
        return "data:image/png;base64," + base64.b64encode(file.read()).decode("ascii")


def verification_url(number: str) -> str:
    """The public verification URL with the signature, as the QR code carries it."""
    path = reverse("certificates:verify", args=[number])
    return f"{settings.SITE_URL}{path}?s={sign_number(number)}"


def qr_data_uri(url: str) -> str:
    # SVG stays vector and tiny in the PDF; quiet zone drawn by the layout.
    return segno.make(url, error="m", micro=False).svg_data_uri(border=0, dark="#1b4d2b")


def certificate_html(certificate, fit: int = 0) -> str:
    """The certificate's HTML; a higher `fit` sets the facts smaller (0 … FIT_LEVELS - 1)."""
    url = verification_url(certificate.number)
    context = {
        "certificate": certificate,
        "verify_url": url,
        "qr": qr_data_uri(url),
        "font_family": FONT_FAMILY,
        "fit": FIT_STYLES[fit],
        "seal_arc": seal_arc(certificate.body_name),
        "brand_mark": brand_mark_svg(),
        "seal_image": seal_image_uri(certificate),
    }
    with translation.override(settings.LANGUAGE_CODE):  # Chinese whatever the caller's
        return render_to_string(TEMPLATE, context)


def _facts(certificate) -> list[str]:
    """The values in the facts' rows, as the template prints them (dates: 11 characters)."""
    standard = f"{certificate.standard_code}《{certificate.standard_title}》"
    return [
        certificate.enterprise_name,
        certificate.credit_code,
        certificate.product_name,
        certificate.scope,
        certificate.site_address,
        standard,
        "0000年00月00日",
        "0000年00月00日（暂定）",
    ]


def render_document(certificate):
    """The laid-out WeasyPrint document at the first `fit` level where all fits."""
    from weasyprint import HTML

    for fit in range(first_fit_guess(_facts(certificate)), FIT_LEVELS):
        html = HTML(string=certificate_html(certificate, fit), base_url=str(settings.BASE_DIR))
        document = html.render(font_config=font_configuration())
        if not overflowing_boxes(document):
            return document
    # Not reached with values within the models' lengths (tests/certificates/test_pdf_layout.py)
    logger.error("Certificate %s overflows its border at every fit level", certificate.number)
    return document


def render_pdf(certificate) -> bytes:
    """The PDF of `certificate` (saved or not: only its snapshot fields are read)."""
    return render_document(certificate).write_pdf()


def warm_up() -> None:
    """Load fontconfig and the CJK face now, so that the first certificate is not slow.

    The first render in a process spends 0.7–4 s loading fonts; Celery children call this
    when they start (certificates.tasks), before any task waits on it.
    """
    from weasyprint import HTML

    html = f"<p style=\"font-family: '{FONT_FAMILY}'\">江西绿色生态</p>"
    HTML(string=html).write_pdf(font_config=font_configuration())
