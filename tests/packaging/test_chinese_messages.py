"""packaging/windows/ChineseSimplified.isl, our translation, against Inno Setup's English
Default.isl (npm package innosetup 6.4.1, cached; skipped with the reason when it cannot
be fetched): every message there, nothing unknown, the same %1/%n/[name] placeholders
and & accelerators, no period Setup would double, UTF-8 with a byte-order mark. No Wine:
test_inno_setup.py compiles the script with the file where Wine is available.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.packaging.inno_setup_package import inno_setup_bin

ROOT = Path(__file__).resolve().parents[2]
WINDOWS = ROOT / "packaging" / "windows"
OURS = WINDOWS / "ChineseSimplified.isl"
BOM = b"\xef\xbb\xbf"
PLACEHOLDER = re.compile(r"%[0-9n]|\[(?:name|name/ver|gb|mb)\]")
CJK = re.compile(r"[\u4e00-\u9fff]")


def _sections(text: str) -> dict[str, dict[str, str]]:
    """Return {"[Section]": {key: value}} of an .isl file, comments and blanks left out."""
    sections: dict[str, dict[str, str]] = {}
    current = None
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith(";"):
            continue
        if line.startswith("["):
            current = sections.setdefault(line, {})
            continue
        key, equals, value = line.partition("=")
        assert equals and current is not None, f"not key=value in a section: {line!r}"
        assert key not in current, f"{key} twice"
        current[key] = value
    return sections


@pytest.fixture(scope="module")
def ours() -> dict[str, dict[str, str]]:
    return _sections(OURS.read_bytes().decode("utf-8-sig"))


@pytest.fixture(scope="module")
def english() -> dict[str, dict[str, str]]:
    return _sections((inno_setup_bin() / "Default.isl").read_text(encoding="utf-8-sig"))


def _pairs(english, ours, section):
    return [(key, value, ours[section][key]) for key, value in english[section].items()]


def test_the_file_is_utf8_with_a_byte_order_mark_and_says_where_it_comes_from():
    data = OURS.read_bytes()
    assert data.startswith(BOM)
    text = data[len(BOM) :].decode("utf-8")  # strict: raises on a bad byte
    assert "translated for nianbao from Inno Setup's" in text
    assert "Default.isl (npm package innosetup 6.4.1)" in text


def test_the_language_is_simplified_chinese(ours):
    options = ours["[LangOptions]"]
    assert options["LanguageName"] == "简体中文"
    assert options["LanguageID"] == "$0804"
    assert options["LanguageCodePage"] in {"0", "936"}


@pytest.mark.parametrize("section", ["[Messages]", "[CustomMessages]"])
def test_every_message_of_default_isl_is_translated_and_no_other(english, ours, section):
    assert sorted(set(english[section]) - set(ours[section])) == []  # would show in English
    assert sorted(set(ours[section]) - set(english[section])) == []  # a misspelt key
    for key, source, translated in _pairs(english, ours, section):
        assert bool(translated) == bool(source), key
        if re.search(r"[A-Za-z]{3,}", PLACEHOLDER.sub("", source).replace("KB", "")):
            assert CJK.search(translated), f"{key} left in English: {translated}"


@pytest.mark.parametrize("section", ["[Messages]", "[CustomMessages]"])
def test_placeholders_and_accelerators_are_kept(english, ours, section):
    for key, source, translated in _pairs(english, ours, section):
        assert set(PLACEHOLDER.findall(source)) <= set(PLACEHOLDER.findall(translated)), key
        accelerator = re.findall(r"&(\w)", source)
        assert [a.upper() for a in re.findall(r"&(\w)", translated)] == [
            a.upper() for a in accelerator
        ], key


def test_no_final_period_where_setup_adds_one(english, ours):
    for key, source, translated in _pairs(english, ours, "[Messages]"):
        if source and not source.endswith("."):
            assert not translated.endswith(("。", ".")), key


def test_the_installer_script_uses_this_file():
    script = (WINDOWS / "nianbao.iss").read_text(encoding="utf-8")
    assert 'Name: "chs"; MessagesFile: "ChineseSimplified.isl"' in script
