"""Which of the document's fonts a computer lacks, and what it has instead."""

from __future__ import annotations

from forms.files.document_style import (
    DocumentStyle,
    installed_equivalents,
    missing_fonts,
    with_fonts_replaced,
)

STOCK_WINDOWS = {"仿宋", "楷体", "黑体", "宋体"}
ENGLISH_WINDOWS = {"FangSong", "KaiTi", "SimHei", "SimSun"}  # how Qt may list them there


def test_a_stock_windows_lacks_three_of_the_default_fonts():
    assert missing_fonts(DocumentStyle(), STOCK_WINDOWS.__contains__) == [
        "仿宋_GB2312",
        "方正小标宋简体",
        "楷体_GB2312",
    ]
    assert missing_fonts(DocumentStyle(), ENGLISH_WINDOWS.__contains__) == [
        "仿宋_GB2312",
        "方正小标宋简体",
        "楷体_GB2312",
    ]


def test_equivalents_are_the_installed_ones_under_their_chinese_names():
    for installed in (STOCK_WINDOWS, ENGLISH_WINDOWS):
        assert installed_equivalents(DocumentStyle(), installed.__contains__) == {
            "仿宋_GB2312": "仿宋",
            "方正小标宋简体": "宋体",
            "楷体_GB2312": "楷体",
        }
    with_gbk = {*STOCK_WINDOWS, "方正小标宋_GBK"}.__contains__
    assert installed_equivalents(DocumentStyle(), with_gbk)["方正小标宋简体"] == "方正小标宋_GBK"


def test_a_font_without_an_installed_equivalent_is_left_out():
    style = DocumentStyle(body_font="某种字体")
    assert installed_equivalents(style, {"仿宋"}.__contains__) == {"仿宋_GB2312": "仿宋"}


def test_replacing_changes_every_use_of_a_font():
    style = with_fonts_replaced(DocumentStyle(), {"仿宋_GB2312": "仿宋"})
    assert style.body_font == style.table_font == "仿宋"
    assert style.title_font == "方正小标宋简体"
