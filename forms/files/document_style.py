"""The exported document's settings, which need no Word library: the window reads
them at start-up without loading python-docx (file names: `forms.files.formats`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass, fields, replace
from typing import Any

from forms.report.values import Report


@dataclass(frozen=True)
class DocumentStyle:
    """The font names of the document, a setting (offices lacking a 公文 font pick another)."""

    body_font: str = "仿宋_GB2312"
    title_font: str = "方正小标宋简体"
    heading1_font: str = "黑体"
    heading2_font: str = "楷体_GB2312"
    page_number_font: str = "宋体"
    table_font: str = "仿宋_GB2312"

    @classmethod
    def from_setting(cls, setting: dict[str, Any] | None) -> DocumentStyle:
        """Return the style stored as `setting`; unknown keys are ignored, missing or
        empty ones keep their defaults."""
        known = {f.name for f in fields(cls)}
        given = {k: v.strip() for k, v in (setting or {}).items() if k in known and _named(v)}
        return cls(**given)

    def as_setting(self) -> dict[str, str]:
        """Return the style as a JSON-ready dict (setting key "document_style")."""
        return asdict(self)


# What a stock Windows 10/11 has in place of the 公文 fonts it lacks (仿宋_GB2312,
# 楷体_GB2312 and 方正小标宋简体 come with font packs, not with Windows), best first.
EQUIVALENTS: dict[str, tuple[str, ...]] = {
    "仿宋_GB2312": ("仿宋",),
    "楷体_GB2312": ("楷体",),
    "方正小标宋简体": ("方正小标宋_GBK", "华文中宋", "宋体"),
    "方正小标宋_GBK": ("方正小标宋简体", "华文中宋", "宋体"),
    "黑体": ("微软雅黑",),
    "宋体": ("新宋体",),
}
# The English names Windows also knows these fonts by (Qt may list either).
ENGLISH_NAMES = {
    "仿宋": "FangSong",
    "楷体": "KaiTi",
    "黑体": "SimHei",
    "宋体": "SimSun",
    "新宋体": "NSimSun",
    "微软雅黑": "Microsoft YaHei",
    "华文中宋": "STZhongsong",
    "仿宋_GB2312": "FangSong_GB2312",
    "楷体_GB2312": "KaiTi_GB2312",
}


def font_names(style: DocumentStyle) -> list[str]:
    """Return the distinct font names `style` uses, in field order."""
    return list(dict.fromkeys(getattr(style, f.name) for f in fields(style)))


def missing_fonts(style: DocumentStyle, installed: Callable[[str], bool]) -> list[str]:
    """Return the fonts of `style` that `installed` says this computer lacks."""
    return [name for name in font_names(style) if not _has(name, installed)]


def installed_equivalents(style: DocumentStyle, installed: Callable[[str], bool]) -> dict[str, str]:
    """Return missing font → the first equivalent this computer has; a missing font
    with no installed equivalent is left out."""
    found = {}
    for name in missing_fonts(style, installed):
        equivalent = next((e for e in EQUIVALENTS.get(name, ()) if _has(e, installed)), None)
        if equivalent:
            found[name] = equivalent
    return found


def with_fonts_replaced(style: DocumentStyle, replacements: dict[str, str]) -> DocumentStyle:
    """Return `style` with each font named in `replacements` replaced."""
    changed = {
        f.name: replacements[getattr(style, f.name)]
        for f in fields(style)
        if getattr(style, f.name) in replacements
    }
    return replace(style, **changed)


def _has(name: str, installed: Callable[[str], bool]) -> bool:
    english = ENGLISH_NAMES.get(name)
    return installed(name) or (english is not None and installed(english))


def _named(value: object) -> bool:
    return isinstance(value, str) and bool(value.strip())


def default_file_name(report: Report) -> str:
    """Return the Word document's file name (`forms.files.formats.file_name`)."""
    from forms.files.formats import DOCX, file_name  # formats imports this module

    return file_name(report, DOCX.suffixes[0])
