"""Cleaning text of characters that Word XML cannot hold."""

import pytest

from forms.report.text import clean_text, clean_texts, paragraphs

ILLEGAL = ["\x00", "\x01", "\x08", "\x0c", "\x0e", "\x1f", "\ud800", "\udfff", "\ufffe", "\uffff"]


def test_vertical_tab_becomes_a_line_break():
    assert clean_text("第一段\v第二段") == "第一段\n第二段"


@pytest.mark.parametrize("bad", ILLEGAL)
def test_illegal_characters_are_removed(bad):
    assert clean_text(f"未收取{bad}信息处理费") == "未收取信息处理费"


def test_tabs_and_breaks_stay():
    assert clean_text("a\tb\r\nc") == "a\tb\nc"


def test_cleaned_fields_are_named():
    texts = {"s1.intro": "正常\r\n文字", "s6.other": "未收取\x0b信息处理费\x00"}
    cleaned, changed = clean_texts(texts)
    assert changed == ["s6.other"]
    assert cleaned["s6.other"] == "未收取\n信息处理费"


def test_paragraphs_are_non_empty_lines():
    assert paragraphs("一是……\n\n  二是……  \n") == ["一是……", "二是……"]
