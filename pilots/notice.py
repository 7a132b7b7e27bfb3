"""The payout notice (奖励发放通知书) as a PDF, in Chinese.

One face, Noto Sans CJK SC, named in every style (WeasyPrint falls back only along the
CSS font-family list); the process-wide FontConfiguration of the certificates app is
reused, as WeasyPrint advises one per process.
"""

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation

FONT_FAMILY = "Noto Sans CJK SC"
TEMPLATE = "pilots/payout_notice_pdf.html"


def notice_html(payout) -> str:
    context = {"payout": payout, "font_family": FONT_FAMILY, "today": timezone.localdate()}
    with translation.override(settings.LANGUAGE_CODE):  # Chinese whatever the reader's
        return render_to_string(TEMPLATE, context)


def render_notice_pdf(payout) -> bytes:
    from weasyprint import HTML

    from certificates.rendering import font_configuration

    html = HTML(string=notice_html(payout), base_url=str(settings.BASE_DIR))
    return html.write_pdf(font_config=font_configuration())
