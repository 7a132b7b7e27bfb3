"""The payout notice: addressed to the beneficiary, amount in capitals, a seal area."""

import io
from decimal import Decimal

import pytest
from pypdf import PdfReader

from pilots.models import RewardPayout
from pilots.notice import notice_html, render_notice_pdf
from pilots.tasks import reward_first_certificate, reward_published_standard
from tests.factories import EnterpriseFactory, county, published_standard
from tests.factories.certificates import certified_application, issued_certificate
from tests.factories.certification import ProductFactory

pytestmark = pytest.mark.django_db

ISSUER = "寻乌县“江西绿色生态”品牌试点县创建工作领导小组办公室"


@pytest.fixture
def enterprise_payout(loaded):
    enterprise = EnterpriseFactory(division=county("360734"))
    application = certified_application(product=ProductFactory(enterprise=enterprise))
    certificate = issued_certificate(application)
    return RewardPayout.objects.get(pk=reward_first_certificate(certificate.pk))


@pytest.fixture
def standard_payout(loaded):
    standard = published_standard(proposing_county=county("360734"))
    return RewardPayout.objects.get(pk=reward_published_standard(standard.pk))


def _long(text: str, length: int) -> str:
    return (text * (length // len(text) + 1))[:length]


def _text(payout) -> str:
    reader = PdfReader(io.BytesIO(render_notice_pdf(payout)))
    assert len(reader.pages) == 1
    return "".join(page.extract_text() for page in reader.pages).replace(" ", "")


def test_notice_enterprise_payout_is_addressed_to_the_enterprise(enterprise_payout):
    html = notice_html(enterprise_payout)
    assert f'<p class="addressee">{enterprise_payout.enterprise.name}：</p>' in html


def test_notice_standard_payout_is_addressed_to_its_proposer(standard_payout):
    proposer = standard_payout.standard.proposing_organisation
    assert proposer and proposer == standard_payout.beneficiary_name
    assert f'<p class="addressee">{proposer}：</p>' in notice_html(standard_payout)


def test_notice_standard_payout_without_proposer_is_addressed_to_the_county(standard_payout):
    standard_payout.beneficiary_name = ""
    assert '<p class="addressee">寻乌县：</p>' in notice_html(standard_payout)


def test_notice_pdf_states_the_amount_in_capitals_and_figures(enterprise_payout, standard_payout):
    assert enterprise_payout.amount == Decimal("20000.00")
    text = _text(enterprise_payout)
    assert "人民币（大写）贰万元整（小写：¥20,000.00）" in text
    assert "伍万元整" in _text(standard_payout)


def test_notice_pdf_has_the_seal_area_of_the_county_office(enterprise_payout):
    text = _text(enterprise_payout).replace("\n", "")
    assert f"{ISSUER}（盖章）" in text
    assert 'class="seal"' in notice_html(enterprise_payout)


def test_notice_without_leadership_group_invents_no_office_name(enterprise_payout):
    enterprise_payout.county.leadership_group_name = ""
    html = notice_html(enterprise_payout)
    assert "（付款单位盖章）" in html
    assert "领导小组办公室" not in html


def test_notice_pdf_embeds_one_subset_cjk_face(enterprise_payout):
    reader = PdfReader(io.BytesIO(render_notice_pdf(enterprise_payout)))
    fonts = {
        str(font.get_object()["/BaseFont"])
        for font in reader.pages[0]["/Resources"]["/Font"].values()
    }
    assert len({name.split("+")[-1] for name in fonts}) == 1, fonts
    assert all("Noto-Sans-CJK-SC" in name for name in fonts), fonts


def test_notice_pdf_for_a_long_enterprise_name_stays_on_one_page(loaded):
    # The seal area must not be left alone on a second page.
    name = _long("赣州市寻乌县绿源生态富硒果业专业合作社联合社有限责任公司", 150)
    enterprise = EnterpriseFactory(name=name, division=county("360734"))
    application = certified_application(product=ProductFactory(enterprise=enterprise))
    payout = RewardPayout.objects.get(
        pk=reward_first_certificate(issued_certificate(application).pk)
    )
    assert _text(payout).count("盖章") == 1


def test_notice_pdf_for_a_long_standard_title_stays_on_one_page(loaded):
    title = _long("“江西绿色生态”品牌评价 富硒柑橘 第12部分：种植、采收与包装技术规范；", 200)
    standard = published_standard(proposing_county=county("360734"), title=title)
    payout = RewardPayout.objects.get(pk=reward_published_standard(standard.pk))
    assert _text(payout).count("盖章") == 1
