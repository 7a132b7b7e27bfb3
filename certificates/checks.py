"""System check: the CJK font the certificates name is installed.

Without it WeasyPrint silently draws empty boxes for every Chinese character (and text
extraction still finds the right text), so a missing font is only seen on paper.
"""

import shutil
import subprocess

from django.core.checks import Warning, register

from .rendering import FONT_FAMILY


def missing_font(family: str = FONT_FAMILY) -> list[Warning]:
    if shutil.which("fc-list") is None:
        return [
            Warning(
                "fc-list (fontconfig) is missing: cannot check the certificates' font.",
                hint="apt-get install fontconfig fonts-noto-cjk",
                id="certificates.W002",
            )
        ]
    families = subprocess.run(
        ["fc-list", family, "family"], capture_output=True, text=True, timeout=20
    ).stdout
    if family in families:
        return []
    return [
        Warning(
            f'The font "{family}" is not installed: certificates would print empty boxes.',
            hint="apt-get install fonts-noto-cjk libharfbuzz-subset0",
            id="certificates.W001",
        )
    ]


@register()
def certificate_font_installed(app_configs, **kwargs):
    return missing_font()
