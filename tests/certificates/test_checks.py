from certificates.checks import missing_font
from certificates.rendering import FONT_FAMILY


def test_font_check_passes_with_the_installed_face():
    # fonts-noto-cjk is a system dependency (scripts/system-deps.sh, the Dockerfile).
    assert missing_font(FONT_FAMILY) == []


def test_font_check_warns_about_a_missing_face():
    warnings = missing_font("No Such CJK Face SC")
    assert [w.id for w in warnings] == ["certificates.W001"]
    assert "empty boxes" in warnings[0].msg
