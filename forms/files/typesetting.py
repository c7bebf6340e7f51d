"""How text fits the 公文 page (GB/T 9704-2012), measured in characters, with no Word
library: where the title breaks, how wide each table column is, where the 落款 sits.

Widths are in em (one Chinese character of the font size): an ASCII digit or letter is
counted as 0.55 em in text (仿宋 and 宋体 digits are 0.5 em) and as 0.65 em in a table
cell, where a digit must never wrap even in a fallback font (DejaVu's are 0.64 em).
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Sequence

TYPE_WIDTH_MM = 156  # 210 mm − 28 mm − 26 mm
LINE_CHARS = 28  # characters of 3号 on a body line (the document grid)
_PT_PER_MM = 72 / 25.4
_NARROW = 0.55  # em of a half-width character
DIGIT = 0.65  # em of a digit in the widest fallback font
# Characters that end a word of a unit's name: a break after one keeps words whole
# (…发展和改革委员会 / 价格监测中心办公室).
_WORD_ENDS = set("省市区县州盟旗镇乡村街道局厅会室处部站所院馆队心司科组庭府")  # not 委 (委员会)


def text_width(text: str, narrow: float = _NARROW) -> float:
    """Return the width of `text` in em: full-width characters 1, others `narrow`."""
    return sum(1 if unicodedata.east_asian_width(c) in "WF" else narrow for c in text)


def chars_per_line(size_pt: float) -> int:
    """Return how many characters of `size_pt` fit on a line of the type area."""
    return int(TYPE_WIDTH_MM * _PT_PER_MM / size_pt + 1e-6)


def unit_lines(unit: str, per_line: int) -> list[str]:
    """Return the unit's name in lines of at most `per_line` characters, of near equal
    length (GB/T 9704: 排列对称), each break after a word: in as few lines as it needs,
    or one more line when that is the only way to keep every word whole."""
    fewest = max(1, math.ceil(text_width(unit) / per_line))
    lines, whole = _split(unit, fewest, per_line)
    if whole:
        return lines
    more, whole = _split(unit, fewest + 1, per_line)
    return more if whole else lines


def _split(unit: str, count: int, per_line: int) -> tuple[list[str], bool]:
    """Return `unit` in `count` balanced lines and whether every break is after a word."""
    lines, rest, whole = [], unit, True
    for remaining in range(count, 1, -1):
        cut = _cut(rest, per_line, text_width(rest) / remaining)
        whole = whole and rest[cut - 1] in _WORD_ENDS
        lines.append(rest[:cut])
        rest = rest[cut:]
    return [*lines, rest], whole


def _cut(text: str, per_line: int, target: float) -> int:
    """Return where to end a line of `text`: after the word end nearest to `target`
    em when one is within 3 characters of it, else at `target`; never beyond
    `per_line`."""
    fitting = [i for i in range(1, len(text)) if text_width(text[:i]) <= per_line]
    at_word = [i for i in fitting if text[i - 1] in _WORD_ENDS]
    best = min(fitting, key=lambda i: abs(text_width(text[:i]) - target))
    if at_word:
        near = min(at_word, key=lambda i: abs(text_width(text[:i]) - target))
        if abs(text_width(text[:near]) - target) <= 3:
            return near
    return best


def header_width(label: str) -> float:
    """Return the em a column needs for its header label: short labels on one line
    (自然人), longer ones on two lines at most (商业/企业, 社会公益/组织)."""
    width = text_width(label)
    return width if len(label) <= 3 else math.ceil(width / 2)


def column_widths(
    fixed_mm: Sequence[float], needs_em: Sequence[float], size_pt: float, padding_mm: float
) -> list[float]:
    """Return the widths in mm of a table's columns: the row-header columns as
    `fixed_mm` (the last one gives way when the numbers need room), then one column per
    number column, each at least `needs_em` of `size_pt` text plus `padding_mm`, the
    rest of the type area shared equally."""
    needs = [n * size_pt / _PT_PER_MM + padding_mm for n in needs_em]
    fixed = list(fixed_mm)
    spare = TYPE_WIDTH_MM - sum(fixed) - sum(needs)
    if spare < 0 and fixed:
        given = min(-spare, fixed[-1] / 3)  # the long labels' column wraps a little more
        fixed[-1] -= given
        spare += given
    if spare < 0:  # more than the page holds: every column shrinks alike
        scale = (TYPE_WIDTH_MM - sum(fixed)) / sum(needs)
        return fixed + [n * scale for n in needs]
    equal = (TYPE_WIDTH_MM - sum(fixed)) / len(needs)
    if all(n <= equal for n in needs):
        return fixed + [equal] * len(needs)
    return fixed + [n + spare / len(needs) for n in needs]


def signature_indents(unit: str, date: str) -> tuple[float, float]:
    """Return the right indents in characters of the 落款's unit and date lines: the
    date 右空四字, the unit centred over it (GB/T 9704 7.3.5.1); a unit wider than the
    date moves left, a unit too long for that ends at the right margin."""
    unit_width, date_width = text_width(unit), text_width(date)
    unit_indent = 4 + (date_width - unit_width) / 2
    return (unit_indent if unit_indent >= 0 else 0.0), 4.0
