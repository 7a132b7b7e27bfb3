def test_home_page_renders_in_chinese(page):
    page.goto("/")
    assert page.locator("html").get_attribute("lang") == "zh-hans"
    assert page.locator("h1").first.text_content() == "江西绿色生态"
    assert page.get_by_role("link", name="企业注册").first.is_visible()
    assert "资源节约" in page.content()
