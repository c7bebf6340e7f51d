"""The texts of a published report read by their headings, whatever their numbering
style, and the unit and year from its title."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from forms.files.printed import PrintedParagraph
from forms.format.labels import has_numbering, label_key, normalise
from forms.format.spec import Form, Section, TextField

# ── texts, title ─────────────────────────────────────────────────────────────

# A portal's pager left inside the report's part of a page ("第 1 页 共 2 页").
_PAGE_NUMBER = re.compile(r"第\s*\d+\s*页(\s*共\s*\d+\s*页)?")
_TITLE = re.compile(r"(\d{4})年度?")
_AFTER_HEADING = re.compile(r"^[。．.：:，,、;；]+")
_HEADING_SUFFIXES = ("", "情况", "工作", "方面", "工作情况")


def section_of_heading(form: Form, text: str) -> Section | None:
    """Return the section whose heading `text` is, in any numbering style; None for
    other text."""
    key = _AFTER_HEADING.sub("", label_key(text)[::-1])[::-1]
    for section in form.sections:
        if key == label_key(section.heading):
            return section
    return None


def title_year(text: str) -> tuple[str, int] | None:
    """Return (text before the year, year) of a title line such as
    "红旗区2023年度政府信息公开工作年度报告"; None when `text` is no such title."""
    folded = unicodedata.normalize("NFKC", text)
    if "报告" not in folded:
        return None
    matches = list(_TITLE.finditer(folded))
    if not matches:
        return None
    year = matches[-1]
    return folded[: year.start()].strip(), int(year.group(1))


@dataclass
class TextReader:
    """Reads the texts by their section headings; unit and year by the title."""

    form: Form
    styled_level: int | None
    texts: dict[str, list[str]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    section: Section | None = None
    current: TextField | None = None
    before: list[PrintedParagraph] = field(default_factory=list)  # title area
    seen: set[str] = field(default_factory=set)  # sections whose heading was read
    last: TextField | None = None  # the field the last body paragraph went to

    def read(self, paragraph: PrintedParagraph) -> None:
        text = paragraph.text.strip()
        if not text or _PAGE_NUMBER.fullmatch(text):
            return  # a pager, not the clerk's text
        section = self._section_heading(paragraph, text)
        if section is not None:
            self.section = section
            self.seen.add(section.id)
            self.current = next(
                (p for p in section.parts if isinstance(p, TextField) and not p.heading), None
            )
            return
        if self.section is None:
            self.before.append(paragraph)
            return
        heading = self._field_heading(paragraph, text)
        if heading is not None:
            self.current, kept = heading
            if kept:
                self.texts.setdefault(self.current.id, []).append(kept)
            return
        if self.current is None:
            self.notes.append(f"{self.section.heading}：“{_short(text)}”不在任何小标题下，未读取")
            return
        self.texts.setdefault(self.current.id, []).append(text)
        self.last = self.current

    def _section_heading(self, paragraph: PrintedParagraph, text: str) -> Section | None:
        if self.styled_level is not None and paragraph.level != self.styled_level:
            return None
        return section_of_heading(self.form, text)

    def _field_heading(
        self, paragraph: PrintedParagraph, text: str
    ) -> tuple[TextField, str] | None:
        """Return the text field a paragraph starts, with the text it keeps; None for a
        paragraph that goes on the current field.

        A heading alone ("（一）主动公开", or a heading paragraph of the file's styles)
        keeps nothing. A heading followed by text on the same line ("（一）主动公开。
        本年度……") keeps the text after it — or the whole line for a field whose heading
        the clerk may write himself (五's （一）存在问题, see `optional_heading`): the
        program then prints it as written. A later field of that kind also starts where
        a line is numbered with its place ("二、……" for 改进措施)."""
        assert self.section is not None
        styled = self.styled_level is not None
        if styled and paragraph.level not in (None, self.styled_level + 1):
            return None
        headed = [p for p in self.section.parts if isinstance(p, TextField) and p.heading]
        later = headed[headed.index(self.current) + 1 :] if self.current in headed else headed
        key = label_key(text)
        for place, part in enumerate(headed, start=1):
            own = label_key(part.heading)
            for suffix in _HEADING_SUFFIXES:
                if key == own + suffix and (not styled or paragraph.level is not None):
                    return part, ""
            if styled and paragraph.level is not None:
                continue
            if part not in later:
                continue
            rest = next(
                (key[len(own + x) :] for x in _HEADING_SUFFIXES if key.startswith(own + x)),
                None,
            )
            if part.optional_heading and (
                (rest is not None and (not rest or _AFTER_HEADING.match(rest)))
                or _ordinal(text) == place
                or (styled and rest is not None)
            ):
                return part, text
            if rest and not styled and has_numbering(text) and _AFTER_HEADING.match(rest):
                return part, _rest_of_line(text, key[: len(key) - len(rest)])
        return None

    def title(self) -> tuple[str, int | None]:
        """Return the unit and year printed above 一、; "" and None when not found."""
        lines = [p.text.strip() for p in self.before if p.text.strip()]
        titled = [p.text.strip() for p in self.before if p.level == 0 and p.text.strip()]
        styled = self.styled_level is not None and bool(titled)
        lines = titled if styled else lines
        for index in range(len(lines) - 1, -1, -1):
            found = title_year(lines[index])
            if found is None:
                continue
            unit, year = found
            if not unit and index > 0:
                # the unit above the year's title: in title-styled lines, all of them (a
                # long unit is printed in balanced lines); otherwise the line above
                unit = "".join(lines[:index]) if styled else lines[index - 1]
            return unit, year
        return "", None


_CHINESE_DIGITS = "一二三四五六七八九十"
_ORDINAL = re.compile(r"^(?:\(([一二三四五六七八九十])\)|([一二三四五六七八九十])[、.])")


def _ordinal(text: str) -> int | None:
    """Return the place a line's part numbering names: （二） or 二、 → 2; None without."""
    match = _ORDINAL.match(normalise(text))
    if match is None:
        return None
    return _CHINESE_DIGITS.index(match.group(1) or match.group(2)) + 1


def _rest_of_line(text: str, key: str) -> str:
    """Return what follows the heading `key` in `text` (as printed), less its punctuation."""
    consumed, position = "", 0
    while position < min(len(text), 80) and label_key(text[:position]) != key:
        position += 1
        consumed = text[:position]
    rest = text[len(consumed) :]
    return _AFTER_HEADING.sub("", rest.lstrip()).strip()


def _short(text: str, limit: int = 20) -> str:
    return text if len(text) <= limit else text[:limit] + "……"


def styled_level(form: Form, paragraphs: list[PrintedParagraph]) -> int | None:
    """Return the level at which the file's own heading styles or tags mark all six
    section headings; None when they do not (headings are then found by their text)."""
    by_level: dict[int, set[str]] = {}
    for paragraph in paragraphs:
        if paragraph.level:
            section = section_of_heading(form, paragraph.text)
            if section is not None:
                by_level.setdefault(paragraph.level, set()).add(section.id)
    whole = {s.id for s in form.sections}
    return next((level for level, found in sorted(by_level.items()) if found == whole), None)
