"""An enterprise user signs up, confirms the e-mail address and registers the enterprise.

The live server runs in this process, so the locmem backend's `mail.outbox` holds the
confirmation e-mail; its link is built from SITE_URL, pointed at the live server here.
"""

import re
import time

import pytest
from django.core import mail
from playwright.sync_api import expect

from accounts.models import User
from accounts.roles import Role
from enterprises.models import Enterprise
from tests.factories import UserFactory

PASSWORD = "Lvse-shengtai-2026"
CREDIT_CODE = "91360734MA39TC8P6H"
ENTERPRISE_NAME = "寻乌县绿源果业有限公司"


@pytest.fixture
def site(settings, live_server):
    """Links in e-mails point at the live server."""
    settings.SITE_URL = live_server.url
    return live_server.url


def _wait_for_mail(count: int = 1, timeout: float = 5.0):
    deadline = time.monotonic() + timeout
    while len(mail.outbox) < count:
        if time.monotonic() > deadline:
            raise AssertionError(f"expected {count} e-mail(s), got {len(mail.outbox)}")
        time.sleep(0.05)
    return mail.outbox[-1]


def _fill_enterprise_form(page, credit_code: str) -> None:
    page.get_by_label("企业名称").fill(ENTERPRISE_NAME)
    page.get_by_label("统一社会信用代码").fill(credit_code)
    page.get_by_label("所在行政区划").select_option(label="寻乌县（360734）")
    page.get_by_label("所属行业").select_option(label="农业")
    page.get_by_label("地址").fill("江西省赣州市寻乌县长宁镇果园路8号")
    page.get_by_label("联系人").fill("王绿源")
    page.get_by_label("联系电话").fill("0797-2822222")
    page.get_by_role("button", name="保存").click()


def test_enterprise_user_signs_up_confirms_email_and_registers_enterprise(page, site):
    page.goto("/")
    page.get_by_role("link", name="企业注册").first.click()
    expect(page).to_have_url(re.compile(r"/accounts/register/$"))
    expect(page.get_by_role("heading", name="企业注册")).to_be_visible()

    page.get_by_label("电子邮箱").fill("Lvyuan@Example.com")
    page.get_by_label("姓名").fill("王绿源")
    page.get_by_label("手机号码").fill("13807970001")
    page.get_by_label(re.compile(r"^密码")).fill(PASSWORD)  # not 确认密码
    page.get_by_label("确认密码").fill(PASSWORD)
    page.get_by_role("button", name="注册").click()

    # The dashboard asks to confirm the address the mail went to.
    expect(page).to_have_url(re.compile(r"/accounts/$"))
    expect(page.get_by_role("heading", name="工作台")).to_be_visible()
    expect(page.get_by_text("注册成功。确认邮件已发送至 lvyuan@example.com")).to_be_visible()
    expect(
        page.get_by_text("请先确认电子邮箱：确认邮件已发送至 lvyuan@example.com。")
    ).to_be_visible()
    expect(page.get_by_role("button", name="重新发送确认邮件")).to_be_visible()

    message = _wait_for_mail()
    assert message.to == ["lvyuan@example.com"]
    assert message.subject == "【江西绿色生态】请确认您的电子邮箱"
    link = re.search(r"\S+/accounts/confirm/\S+/", message.body).group(0)
    assert link.startswith(site + "/")

    # Before confirming, the enterprise form is refused.
    page.goto("/enterprise/create/")
    expect(page.get_by_role("heading", name="暂不能填写企业信息")).to_be_visible()

    # The link confirms the address and leads straight to the enterprise form.
    page.goto(link)
    expect(page).to_have_url(re.compile(r"/enterprise/create/$"))
    expect(page.get_by_text("邮箱已确认。")).to_be_visible()
    expect(page.get_by_role("heading", name="填写企业信息")).to_be_visible()

    _fill_enterprise_form(page, CREDIT_CODE.lower())

    expect(page).to_have_url(re.compile(r"/enterprise/$"))
    expect(page.get_by_text("企业信息已保存。")).to_be_visible()
    expect(page.get_by_role("heading", name=ENTERPRISE_NAME)).to_be_visible()
    facts = page.locator("dl.facts")
    expect(facts).to_contain_text(CREDIT_CODE)  # stored upper-case
    expect(facts).to_contain_text("江西省赣州市寻乌县")
    expect(facts).to_contain_text("农业")

    user = User.objects.get(email="lvyuan@example.com")
    assert user.email_verified
    assert user.has_role(Role.ENTERPRISE_USER)
    assert user.enterprise.credit_code == CREDIT_CODE
    assert user.enterprise.division.code == "360734"


def test_wrong_credit_code_shows_the_chinese_error_next_to_the_field(page):
    user = UserFactory(email="jiaoyan@example.com", full_name="李校验")
    user.add_role(Role.ENTERPRISE_USER)

    page.goto("/accounts/login/")
    page.get_by_label("电子邮箱").fill("jiaoyan@example.com")
    page.get_by_label("密码").fill("correct-horse-9")
    page.get_by_role("button", name="登录").click()
    # A confirmed enterprise user without an enterprise lands on the enterprise form.
    expect(page).to_have_url(re.compile(r"/enterprise/create/$"))

    wrong = CREDIT_CODE[:-1] + "A"
    _fill_enterprise_form(page, wrong)

    expect(page).to_have_url(re.compile(r"/enterprise/create/$"))
    field = page.get_by_label("统一社会信用代码")
    expect(field).to_have_value(wrong)
    expect(field).to_have_attribute("aria-invalid", "true")
    # The error list comes right after the input it belongs to.
    error = page.locator("#id_credit_code + ul.errorlist")
    expect(error).to_have_text("统一社会信用代码校验位错误：第18位应为H，而不是A。")
    # The other fields kept their values and have no error.
    expect(page.get_by_label("企业名称")).to_have_value(ENTERPRISE_NAME)
    expect(page.locator("ul.errorlist")).to_have_count(1)
    assert not Enterprise.objects.exists()
