"""The first export on a computer without the 公文 fonts: said once, with the installed
equivalents one click away (a stock Windows 10/11 has 仿宋, 楷体, 黑体, 宋体 only)."""

from __future__ import annotations

import pytest

from desktop import dialogs, fonts_dialog, wizard
from forms.storage.settings import Setting
from tests.desktop.test_fonts_dialog import east_asian_font

REAL_OFFER = dialogs.offer_installed_fonts  # before the tests' fixtures replace it
STOCK_WINDOWS = {"仿宋", "楷体", "黑体", "宋体", "微软雅黑", "新宋体"}


@pytest.fixture
def stock_windows(monkeypatch):
    monkeypatch.setattr(fonts_dialog, "font_installed", STOCK_WINDOWS.__contains__)
    monkeypatch.setattr(dialogs, "confirm", lambda *a: True)  # the empty report has errors
    monkeypatch.setattr(dialogs, "export_done", lambda *a: None)


def offer(answer: bool, asked: list):
    def offer_installed_fonts(missing, replacements):
        asked.append((missing, replacements))
        return answer

    return offer_installed_fonts


def test_the_clerk_is_told_once_and_one_click_uses_the_installed_fonts(
    monkeypatch, editor, store, stock_windows
):
    asked: list = []
    monkeypatch.setattr(dialogs, "offer_installed_fonts", offer(True, asked))
    path = editor.wizard.export_word()
    assert asked == [
        (
            ["仿宋_GB2312", "方正小标宋简体", "楷体_GB2312"],
            {"仿宋_GB2312": "仿宋", "方正小标宋简体": "宋体", "楷体_GB2312": "楷体"},
        )
    ]
    assert east_asian_font(path) == "仿宋"  # this very export already uses them
    assert east_asian_font(path, "Title") == "宋体"
    assert store.setting(Setting.DOCUMENT_STYLE)["heading2_font"] == "楷体"
    editor.wizard.export_word()
    assert len(asked) == 1  # once


def test_declined_keeps_the_official_fonts_and_is_not_asked_again_here(
    monkeypatch, editor, store, stock_windows
):
    asked: list = []
    monkeypatch.setattr(dialogs, "offer_installed_fonts", offer(False, asked))
    path = editor.wizard.export_word()
    assert east_asian_font(path) == "仿宋_GB2312"
    editor.wizard.export_word()
    assert len(asked) == 1
    # the same data file on another computer (copied, or a roaming profile): told there too
    monkeypatch.setattr(wizard.platform, "node", lambda: "另一台电脑")
    editor.wizard.export_word()
    assert len(asked) == 2


def test_a_computer_with_every_font_is_not_asked(monkeypatch, editor):
    monkeypatch.setattr(dialogs, "confirm", lambda *a: True)
    monkeypatch.setattr(dialogs, "export_done", lambda *a: None)
    # every_font_installed (conftest) is in force; offer_installed_fonts fails if called
    assert editor.wizard.export_word() is not None


def test_what_the_clerk_reads(monkeypatch):
    said = []
    monkeypatch.setattr(dialogs, "inform", lambda text, title="": said.append(text))
    monkeypatch.setattr(dialogs, "confirm", lambda text, title="": said.append(text) or True)
    assert REAL_OFFER(["仿宋_GB2312", "方正小标宋简体"], {"仿宋_GB2312": "仿宋"}) is True
    assert "没有安装导出文档要用的字体：仿宋_GB2312、方正小标宋简体" in said[0]
    assert "仿宋_GB2312 → 仿宋" in said[0] and "是否改用本机字体" in said[0]
    # no equivalent installed: what to do instead, and nothing to accept
    assert REAL_OFFER(["方正小标宋简体"], {}) is False
    assert "请安装这些字体" in said[1]
