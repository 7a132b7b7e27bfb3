"""Key cultivation lists: progress counted from certification records."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from accounts.roles import Role
from certification.enums import Action
from promotion.cultivation import cultivation_entries, cultivation_progress
from tests.factories import PilotCountyFactory, county, user_with_role
from tests.factories.certificates import certified_application
from tests.factories.certification import ApplicationFactory, ProductFactory, advance
from tests.factories.enterprises import EnterpriseFactory
from tests.factories.promotion import CultivationEntryFactory

pytestmark = pytest.mark.django_db

XUNWU, ANYUAN = "360734", "360726"


def test_cultivation_progress_counts_certified_entries_of_the_county_and_year():
    xunwu = county(XUNWU)
    # A product entry whose product is certified.
    certified = certified_application()
    CultivationEntryFactory(enterprise=certified.enterprise, product=certified.product)
    # A product entry whose enterprise holds another product's certificate: not certified.
    other = ProductFactory(enterprise=certified.enterprise)
    CultivationEntryFactory(enterprise=certified.enterprise, product=other)
    # An enterprise entry with a certified product: certified.
    enterprise_entry = certified_application()
    CultivationEntryFactory(enterprise=enterprise_entry.enterprise)
    # An enterprise entry that only applied (submitted): not certified.
    submitted = advance(ApplicationFactory(), Action.SUBMIT)
    CultivationEntryFactory(enterprise=submitted.enterprise)
    # Entries of another year and another county are not counted.
    CultivationEntryFactory(enterprise=certified.enterprise, product=certified.product, year=2025)
    anyuan_enterprise = EnterpriseFactory(division=county(ANYUAN))
    CultivationEntryFactory(county=county(ANYUAN), enterprise=anyuan_enterprise)

    progress = cultivation_progress(xunwu, 2026)
    assert (progress.total, progress.certified, progress.remaining) == (4, 2, 2)
    assert progress.percent == 50
    assert cultivation_progress(PilotCountyFactory(division=xunwu), 2026) == progress
    assert cultivation_progress(xunwu.pk, 2025).certified == 1
    assert cultivation_progress(county(ANYUAN), 2026).certified == 0


def test_cultivation_progress_follows_suspension_and_revocation():
    application = certified_application()
    CultivationEntryFactory(enterprise=application.enterprise, product=application.product)
    assert cultivation_progress(county(XUNWU), 2026).certified == 1
    advance(application, Action.START_SUPERVISION, Action.SUSPEND)
    # Suspended still holds the certification (the pilots' targets count it the same way).
    assert cultivation_progress(county(XUNWU), 2026).certified == 1
    advance(application, Action.REVOKE)
    assert cultivation_progress(county(XUNWU), 2026).certified == 0


def test_cultivation_progress_of_an_empty_list_is_zero():
    progress = cultivation_progress(county(XUNWU), 2030)
    assert (progress.total, progress.certified, progress.percent) == (0, 0, 0)


def test_cultivation_progress_takes_one_query(django_assert_num_queries):
    for _ in range(3):
        CultivationEntryFactory()
    xunwu = county(XUNWU)
    with django_assert_num_queries(1):
        cultivation_progress(xunwu, 2026)
    with django_assert_num_queries(1):
        assert len(cultivation_entries(xunwu, 2026)) == 3


def test_cultivation_entry_refuses_an_enterprise_of_another_county_or_a_foreign_product():
    entry = CultivationEntryFactory.build(
        enterprise=EnterpriseFactory(division=county(ANYUAN)), county=county(XUNWU)
    )
    with pytest.raises(ValidationError) as error:
        entry.full_clean()
    assert "enterprise" in error.value.message_dict
    enterprise = EnterpriseFactory()
    entry = CultivationEntryFactory.build(enterprise=enterprise, product=ProductFactory())
    with pytest.raises(ValidationError) as error:
        entry.full_clean()
    assert "product" in error.value.message_dict


def test_enterprise_dashboard_shows_its_entries_with_the_next_step(client):
    enterprise = EnterpriseFactory()
    pending = ProductFactory(enterprise=enterprise, name="待认证脐橙")
    CultivationEntryFactory(enterprise=enterprise, product=pending, target="2026年底前获证")
    pomelo = ProductFactory(enterprise=enterprise, name="已获证蜜柚")
    certified = certified_application(product=pomelo)
    CultivationEntryFactory(enterprise=enterprise, product=certified.product)
    client.force_login(user_with_role(Role.ENTERPRISE_USER, enterprise=enterprise))
    content = client.get(reverse("accounts:dashboard")).content.decode()
    assert "重点培育清单" in content
    assert "待认证脐橙" in content and "2026年底前获证" in content
    assert content.count(f'href="{reverse("certification:application_create")}"') == 1
    assert "已获认证" in content


def test_enterprise_dashboard_has_no_block_for_an_enterprise_not_on_a_list(client):
    client.force_login(user_with_role(Role.ENTERPRISE_USER))
    CultivationEntryFactory()  # another enterprise's
    assert "重点培育清单" not in client.get(reverse("accounts:dashboard")).content.decode()


def test_cultivation_page_shows_the_officials_county_with_its_progress(client):
    certified = certified_application()
    CultivationEntryFactory(enterprise=certified.enterprise, product=certified.product)
    CultivationEntryFactory(enterprise=EnterpriseFactory(name="待培育企业"))
    anyuan = EnterpriseFactory(name="安远企业", division=county(ANYUAN))
    CultivationEntryFactory(county=county(ANYUAN), enterprise=anyuan)
    client.force_login(user_with_role(Role.COUNTY_OFFICIAL, county=county(XUNWU)))
    # Another county asked for in the query string is ignored for an official.
    response = client.get(reverse("promotion:cultivation_list"), {"county": ANYUAN})
    content = response.content.decode()
    assert response.status_code == 200
    assert 'data-progress="1/2"' in content
    assert "待培育企业" in content and "安远企业" not in content


def test_cultivation_page_lets_provincial_admins_pick_a_county(client):
    anyuan = EnterpriseFactory(name="安远企业", division=county(ANYUAN))
    CultivationEntryFactory(county=county(ANYUAN), enterprise=anyuan, year=2025)
    client.force_login(user_with_role(Role.PROVINCIAL_ADMIN))
    url = reverse("promotion:cultivation_list")
    content = client.get(url, {"county": ANYUAN}).content.decode()
    assert "安远企业" in content and 'data-progress="0/1"' in content
    assert (
        'data-progress="0/0"'
        not in client.get(url, {"county": ANYUAN, "year": "2020"}).content.decode()
    )


@pytest.mark.parametrize("role", [Role.ENTERPRISE_USER, Role.SUPERVISOR])
def test_cultivation_page_is_for_officials(client, role):
    client.force_login(user_with_role(role))
    assert client.get(reverse("promotion:cultivation_list")).status_code == 403
