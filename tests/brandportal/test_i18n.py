"""Chinese first, English from `locale/en`: the switch works and the catalog is complete.

The catalog checks parse the committed .po with a few lines of Python (no polib), and
compare the committed .mo with a fresh `msgfmt` compile of the .po. The completeness
check runs Django's own `makemessages` over a symlinked view of the project, so it
extracts exactly what the documented refresh command extracts, into a throwaway folder.
"""

import ast
import gettext
import re
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse

LOCALE_DIR = Path(settings.BASE_DIR) / "locale"
PO_FILE = LOCALE_DIR / "en" / "LC_MESSAGES" / "django.po"
MO_FILE = LOCALE_DIR / "en" / "LC_MESSAGES" / "django.mo"

# The same ignores as the refresh command below.
MAKEMESSAGES_IGNORE = [".venv", "static", "staticfiles", "tests"]
REFRESH_COMMAND = (
    "python manage.py makemessages -l en "
    + " ".join(f"--ignore={pattern}" for pattern in MAKEMESSAGES_IGNORE)
    + ", translate the new entries in locale/en/LC_MESSAGES/django.po, then "
    "python manage.py compilemessages -l en --ignore=.venv"
)

# CJK punctuation, ideographs and full-width forms (English may use curly quotes).
CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")
# Python-format placeholders such as %(name)s or %(size).1f, and stray %s.
PLACEHOLDER = re.compile(r"%(?:\(\w+\))?[#0+-]*\d*(?:\.\d+)?[sdifr]")


# --- a small PO parser ---------------------------------------------------------------


@dataclass
class Entry:
    msgid: str = ""
    msgctxt: str | None = None
    msgid_plural: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)
    flags: set[str] = field(default_factory=set)
    obsolete: bool = False

    @property
    def key(self) -> tuple[str | None, str]:
        return (self.msgctxt, self.msgid)


def parse_po(text: str) -> list[Entry]:
    """Entries of a PO file, the header (msgid "") included; enough for our checks."""
    entries: list[Entry] = []
    entry, target = Entry(), None  # target: the (keyword, plural index) being read

    def flush():
        nonlocal entry, target
        if target is not None:
            entries.append(entry)
        entry, target = Entry(), None

    for raw in text.splitlines():
        line = raw.strip()
        obsolete = line.startswith("#~")
        if obsolete:
            line = line[2:].strip()
        if not line:
            if not obsolete:
                flush()
            continue
        if line.startswith("#,"):
            entry.flags.update(flag.strip() for flag in line[2:].split(","))
            continue
        if line.startswith("#"):
            continue
        if line.startswith('"'):
            if target is None:
                raise ValueError(f"Unexpected PO line: {raw!r}")
            value = ast.literal_eval(line)
        else:
            keyword, _, rest = line.partition(" ")
            starts_entry = keyword == "msgctxt" or (
                keyword == "msgid" and (target is None or target[0] != "msgctxt")
            )
            if starts_entry and target is not None:
                flush()  # a new entry without a blank line before it
            index = 0
            if keyword.startswith("msgstr["):
                keyword, index = "msgstr", int(keyword[7:-1])
            if keyword not in {"msgctxt", "msgid", "msgid_plural", "msgstr"}:
                raise ValueError(f"Unexpected PO line: {raw!r}")
            target = (keyword, index)
            value = ast.literal_eval(rest)
            if keyword == "msgstr":
                entry.msgstr[index] = ""
            else:
                setattr(entry, keyword, "")
        entry.obsolete = entry.obsolete or obsolete
        keyword, index = target
        if keyword == "msgstr":
            entry.msgstr[index] += value
        else:
            setattr(entry, keyword, getattr(entry, keyword) + value)
    flush()
    return entries


def catalog_entries() -> list[Entry]:
    """The committed catalog's live entries, without the header."""
    entries = parse_po(PO_FILE.read_text(encoding="utf-8"))
    return [entry for entry in entries if entry.msgid and not entry.obsolete]


def test_po_parser_reads_flags_plurals_and_continuations():
    entries = parse_po(
        'msgid ""\nmsgstr "Language: en\\n"\n\n'
        '#, fuzzy, python-format\nmsgid "a %(n)s"\nmsgstr ""\n"b "\n"%(n)s"\n\n'
        'msgctxt "c"\nmsgid "one"\nmsgid_plural "many"\nmsgstr[0] "1"\nmsgstr[1] ""\n\n'
        '#~ msgid "old"\n#~ msgstr "gone"\n'
    )
    header, fuzzy, plural, obsolete = entries
    assert header.msgid == "" and header.msgstr == {0: "Language: en\n"}
    assert fuzzy.flags == {"fuzzy", "python-format"} and fuzzy.msgstr == {0: "b %(n)s"}
    assert plural.msgctxt == "c" and plural.msgid_plural == "many"
    assert plural.msgstr == {0: "1", 1: ""}
    assert obsolete.obsolete and obsolete.msgid == "old"


# --- the language switch --------------------------------------------------------------


def _switcher(html: str) -> str:
    return re.search(r'<select name="language".*?</select>', html, re.S).group(0)


@pytest.mark.django_db
def test_home_page_is_chinese_by_default(client):
    html = client.get("/").content.decode()
    assert '<html lang="zh-hans">' in html
    assert "<h1>江西绿色生态</h1>" in html
    assert "资源节约" in html
    assert "Jiangxi Green Ecology" not in html
    # Each language is offered under its own name, so an English reader finds "English".
    switcher = _switcher(html)
    assert '<option value="zh-hans" lang="zh-hans" selected>简体中文</option>' in switcher
    assert '<option value="en" lang="en">English</option>' in switcher


@pytest.mark.django_db
def test_set_language_switches_the_home_page_to_english(client):
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert response.status_code == 302
    assert response["Location"] == "/"

    html = client.get("/").content.decode()
    assert '<html lang="en">' in html
    assert "<h1>Jiangxi Green Ecology</h1>" in html
    assert "<h3>Resource conservation</h3>" in html
    switcher = _switcher(html)
    assert '<option value="en" lang="en" selected>English</option>' in switcher
    # Nothing is left in Chinese but the name of the other language.
    rest = html.replace(switcher, "")
    assert CJK.findall(rest) == []

    # And back to Chinese.
    client.post(reverse("set_language"), {"language": "zh-hans", "next": "/"})
    assert "<h1>江西绿色生态</h1>" in client.get("/").content.decode()


@pytest.mark.django_db
def test_english_form_errors_come_from_the_catalog(client):
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    response = client.post(
        reverse("accounts:register"),
        {
            "email": "en@example.com",
            "full_name": "Wang",
            "phone": "",
            "password1": "Lvse-shengtai-2026",
            "password2": "something-else-77",
        },
    )
    html = response.content.decode()
    assert "The two passwords do not match." in html
    assert "两次输入的密码不一致" not in html


# --- the catalog ----------------------------------------------------------------------


def test_po_header_is_english_and_not_fuzzy():
    header = parse_po(PO_FILE.read_text(encoding="utf-8"))[0]
    assert header.msgid == ""
    assert "fuzzy" not in header.flags
    assert "Language: en\n" in header.msgstr[0]
    assert "charset=UTF-8" in header.msgstr[0]


def test_po_has_no_untranslated_fuzzy_or_obsolete_entries():
    entries = parse_po(PO_FILE.read_text(encoding="utf-8"))
    live = [entry for entry in entries if entry.msgid and not entry.obsolete]
    assert len(live) > 100  # the parser really read the catalog
    untranslated = [e.msgid for e in live if not all(s.strip() for s in e.msgstr.values())]
    fuzzy = [e.msgid for e in live if "fuzzy" in e.flags]
    obsolete = [e.msgid for e in entries if e.obsolete]
    assert untranslated == [], f"Translate them. Refresh: {REFRESH_COMMAND}"
    assert fuzzy == [], "Check these translations and remove their fuzzy flag"
    assert obsolete == []


def test_po_translations_are_english_and_keep_their_placeholders():
    for entry in catalog_entries():
        for msgstr in entry.msgstr.values():
            assert not CJK.search(msgstr), f"Chinese left in {entry.msgid!r}: {msgstr!r}"
            assert sorted(PLACEHOLDER.findall(msgstr)) == sorted(
                PLACEHOLDER.findall(entry.msgid)
            ), f"placeholders differ in {entry.msgid!r}: {msgstr!r}"


def test_msgfmt_statistics_agree_that_everything_is_translated():
    if shutil.which("msgfmt") is None:
        pytest.skip("needs GNU gettext's msgfmt (apt-get install gettext)")
    result = subprocess.run(
        ["msgfmt", "--check", "--statistics", "-o", "/dev/null", str(PO_FILE)],
        capture_output=True,
        text=True,
        env={"LC_ALL": "C", "PATH": "/usr/bin:/bin"},
        check=False,
    )
    assert result.returncode == 0, result.stderr
    # e.g. "122 translated messages." and nothing fuzzy or untranslated after it.
    assert re.fullmatch(r"\d+ translated messages?\.\n", result.stderr), result.stderr


def test_committed_mo_matches_the_po(tmp_path):
    if shutil.which("msgfmt") is None:
        pytest.skip("needs GNU gettext's msgfmt (apt-get install gettext) to compile the .po")
    fresh = tmp_path / "django.mo"
    # The same flags as Django's compilemessages.
    subprocess.run(["msgfmt", "--check-format", "-o", str(fresh), str(PO_FILE)], check=True)
    with MO_FILE.open("rb") as committed_file, fresh.open("rb") as fresh_file:
        committed = gettext.GNUTranslations(committed_file)
        compiled = gettext.GNUTranslations(fresh_file)
    assert committed._catalog == compiled._catalog, (
        f"locale/en/LC_MESSAGES/django.mo is stale. Refresh: {REFRESH_COMMAND}"
    )
    assert committed.gettext("江西绿色生态") == "Jiangxi Green Ecology"


# --- completeness: every msgid the code uses is in the catalog -----------------------


def _extract_msgids(tmp_path, monkeypatch) -> set[tuple[str | None, str]]:
    """Run `makemessages` over symlinks to the project, writing into tmp_path/locale."""
    base = Path(settings.BASE_DIR)
    view = tmp_path / "project"
    view.mkdir()
    for child in base.iterdir():
        if child.name.startswith(".") or child.name == "locale":
            continue
        (view / child.name).symlink_to(child, target_is_directory=child.is_dir())
    (view / "locale").mkdir()
    monkeypatch.chdir(view)
    monkeypatch.setattr(settings, "LOCALE_PATHS", [view / "locale"])
    call_command(
        "makemessages",
        locale=["en"],
        ignore_patterns=MAKEMESSAGES_IGNORE,
        symlinks=True,
        verbosity=0,
    )
    extracted = view / "locale" / "en" / "LC_MESSAGES" / "django.po"
    entries = parse_po(extracted.read_text(encoding="utf-8"))
    return {entry.key for entry in entries if entry.msgid and not entry.obsolete}


def test_every_msgid_used_in_code_and_templates_is_in_the_catalog(tmp_path, monkeypatch):
    if shutil.which("xgettext") is None:
        pytest.skip("needs GNU gettext's xgettext (apt-get install gettext) to extract msgids")
    used = _extract_msgids(tmp_path, monkeypatch)
    assert (None, "江西绿色生态") in used  # the extraction really ran over the templates
    assert (None, "两次输入的密码不一致。") in used  # ... and over the Python code
    known = {entry.key for entry in catalog_entries()}
    missing = sorted(msgid for _context, msgid in used - known)
    assert missing == [], (
        f"Strings missing from locale/en/LC_MESSAGES/django.po. Refresh: {REFRESH_COMMAND}"
    )
