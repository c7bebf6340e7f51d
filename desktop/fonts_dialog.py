"""文档字体: the font names the Word document uses, one editable list per kind of text.

Each list offers the official 公文 font first, then the usual substitutes, then the
Chinese fonts of this computer; a font this computer lacks is marked, because an
office without 仿宋_GB2312 or 方正小标宋简体 picks 仿宋 / 宋体 / 黑体 once, for all exports.
"""

from __future__ import annotations

from dataclasses import fields, replace

from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from forms.files.document_style import DocumentStyle

NOT_INSTALLED = "（本机未安装）"
LABELS = {
    "body_font": "正文",
    "title_font": "标题",
    "heading1_font": "一级标题",
    "heading2_font": "二级标题",
    "page_number_font": "页码",
    "table_font": "表格",
}
SUBSTITUTES = (
    "仿宋_GB2312",
    "仿宋",
    "方正小标宋简体",
    "方正小标宋_GBK",
    "宋体",
    "黑体",
    "楷体_GB2312",
    "楷体",
    "微软雅黑",
)
_NOTE = (
    "导出的 Word 文档按这里的字体名排版。标有“（本机未安装）”的字体在这台电脑上没有，"
    "文档在装有该字体的电脑上才能正常显示；没有公文字体的单位可改用仿宋、宋体、黑体、楷体。"
    "也可以直接输入字体名。设置对以后的每次导出都有效。"
)


def chinese_families() -> list[str]:
    """Return the fonts of this computer that can write Simplified Chinese, without
    the vertical "@" variants Windows lists."""
    found = QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese)
    return [name for name in found if not name.startswith("@")]


def font_installed(name: str) -> bool:
    """Return True when this computer has the font family `name`."""
    return QFontDatabase.hasFamily(name)


def font_choices(official: str, installed: list[str]) -> list[tuple[str, str]]:
    """Return (shown text, font name) pairs: `official` first, the substitutes, then
    `installed`; a name not installed is shown with NOT_INSTALLED."""
    names = list(dict.fromkeys([official, *SUBSTITUTES, *installed]))
    have = set(installed)
    return [(n if n in have or QFontDatabase.hasFamily(n) else n + NOT_INSTALLED, n) for n in names]


def font_name(shown: str) -> str:
    """Return the font name of a list entry or typed text, without the mark."""
    return shown.strip().removesuffix(NOT_INSTALLED).strip()


class DocumentFontsDialog(QDialog):
    """文档字体: a list per kind of text, 恢复默认, 确定 / 取消."""

    def __init__(self, current: DocumentStyle, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("文档字体")
        installed = chinese_families()
        self.combos = {key: self._combo(key, installed) for key in LABELS}
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.defaults_button = self.buttons.addButton(
            "恢复默认", QDialogButtonBox.ButtonRole.ResetRole
        )
        self._build()
        self.set_style(current)

    def _combo(self, key: str, installed: list[str]) -> QComboBox:
        combo = QComboBox()
        combo.setEditable(True)
        combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        combo.setMinimumContentsLength(18)
        combo.setMaxVisibleItems(16)
        for shown, name in font_choices(getattr(DocumentStyle(), key), installed):
            combo.addItem(shown, name)
        combo.setAccessibleName(f"{LABELS[key]}字体")
        return combo

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        note = QLabel(_NOTE)
        note.setWordWrap(True)
        layout.addWidget(note)
        form = QFormLayout()
        for key, combo in self.combos.items():
            form.addRow(f"{LABELS[key]}：", combo)
        layout.addLayout(form)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.defaults_button.clicked.connect(lambda: self.set_style(DocumentStyle()))
        layout.addWidget(self.buttons)
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("字") * 34)

    def set_style(self, style: DocumentStyle) -> None:
        """Show the font names of `style`."""
        for field in fields(style):
            combo, name = self.combos[field.name], getattr(style, field.name)
            index = combo.findData(name)
            combo.setCurrentIndex(index)
            if index < 0:
                combo.setEditText(name)

    def style(self) -> DocumentStyle:
        """Return the style the dialog shows; an emptied list keeps the default font."""
        names = {key: font_name(combo.currentText()) for key, combo in self.combos.items()}
        return replace(DocumentStyle(), **{k: v for k, v in names.items() if v})
