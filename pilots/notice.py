"""The payout notice (奖励发放通知书) as a PDF, in Chinese.

One face, Noto Sans CJK SC, named in every style (WeasyPrint falls back only along the
CSS font-family list); the process-wide FontConfiguration of the certificates app is
reused, as WeasyPrint advises one per process. The seal is a drawn placeholder in the
same face, so it adds no font.
"""

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation

from brandportal.numerals import amount_in_capitals

FONT_FAMILY = "Noto Sans CJK SC"
TEMPLATE = "pilots/payout_notice_pdf.html"


def notice_addressee(payout) -> str:
    """Whom the notice is addressed to: the certified enterprise, or for a published
    standard the proposer recorded as beneficiary (the county when it named none)."""
    if payout.enterprise_id is not None:
        return payout.enterprise.name
    return payout.beneficiary_name or payout.county.name


def notice_issuer(payout) -> str:
    """The office that issues the notice and seals it: the county's leadership group's
    office, as the pilot data names the group; empty when the data names none (the
    notice then leaves a blank seal area rather than invent an official name)."""
    group = payout.county.leadership_group_name
    return f"{group}办公室" if group else ""


def notice_html(payout) -> str:
    context = {
        "payout": payout,
        "addressee": notice_addressee(payout),
        "issuer": notice_issuer(payout),
        "amount_in_capitals": amount_in_capitals(payout.amount),
        "font_family": FONT_FAMILY,
        "today": timezone.localdate(),
    }
    with translation.override(settings.LANGUAGE_CODE):  # Chinese whatever the reader's
        return render_to_string(TEMPLATE, context)


def render_notice_pdf(payout) -> bytes:
    from weasyprint import HTML

    from certificates.rendering import font_configuration

    html = HTML(string=notice_html(payout), base_url=str(settings.BASE_DIR))
    return html.write_pdf(font_config=font_configuration())
