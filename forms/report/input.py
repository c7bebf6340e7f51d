"""Reading what a clerk types or pastes into number cells.

Accepted: full-width digits, surrounding spaces, thousands separators (1,234 and
1，234), a unit suffix (件 for counts, 万元 for amounts), and — where offered —
不适用 written as / ／ — or -. Anything else is refused with a message naming the
cell; nothing is stored.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from forms.format.cells import Cell, cell_id
from forms.format.labels import normalise
from forms.format.spec import Number, Row, Table
from forms.report.text import shown
from forms.report.values import NA, CellValue, too_large, too_large_message

NA_MARKS = frozenset({"/", "／", "—", "-", "－", "——", "不适用"})
_COUNT = re.compile(r"[0-9]{1,3}(,[0-9]{3})+|[0-9]+")
_AMOUNT = re.compile(r"([0-9]{1,3}(,[0-9]{3})+|[0-9]+)(\.[0-9]+)?")
# Full-width forms (０-９ ， ．) read as ASCII; not NFKC, which reads a footnote mark 3² as 32
_FULL_WIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
_MAX_LENGTH = 40  # characters, far above any count or amount; int() refuses 4300 digits
_SUFFIX = {Number.COUNT: ("件",), Number.AMOUNT: ("万元",)}
_SPACES = re.compile(r"[\s\u3000\u00a0\u200b\ufeff]+")
MAX_PLACES = 6


class CellInputError(ValueError):
    """What was typed or pasted is not a value for the cell; the message says why."""


def parse_cell(text: str, cell: Cell, *, allow_na: bool | None = None) -> CellValue | None:
    """Return the value `text` writes in `cell`; None for blank.

    `allow_na` defaults to whether the cell's table offers 不适用.
    """
    allow_na = cell.table.not_applicable if allow_na is None else allow_na
    raw = _SPACES.sub("", text)
    if not raw:
        return None
    if raw in NA_MARKS:
        if allow_na:
            return NA
        raise CellInputError(f"{cell_name(cell)}：此处不能填“不适用”，没有的请填 0")
    value = _number(raw, cell.number)
    if value is None:
        raise CellInputError(
            f"{cell_name(cell)}：“{shown(text.strip())}”不是{_expected(cell.number)}"
        )
    if too_large(value, cell.number):
        raise CellInputError(f"{cell_name(cell)}：{too_large_message(cell.number)}")
    return value


def _number(raw: str, number: Number) -> CellValue | None:
    """Return the number `raw` writes, or None when it writes none of the right kind."""
    plain = raw.translate(_FULL_WIDTH)
    if len(plain) > _MAX_LENGTH:
        return None
    for suffix in _SUFFIX[number]:
        plain = plain.removesuffix(suffix)
    if number is Number.COUNT:
        return int(plain.replace(",", "")) if _COUNT.fullmatch(plain) else None
    match = _AMOUNT.fullmatch(plain)
    if not match or len(match.group(3) or ".") - 1 > MAX_PLACES:
        return None
    return Decimal(plain.replace(",", ""))


def _expected(number: Number) -> str:
    if number is Number.COUNT:
        return "件数（应填写不小于 0 的整数）"
    return f"金额（应填写以万元为单位的数，最多 {MAX_PLACES} 位小数）"


def cell_name(cell: Cell) -> str:
    """Return how messages name `cell`, with its table's caption when it has one."""
    caption = cell.table.caption
    return f"{caption}·{cell.label}" if caption else cell.label


# ── pasting a block from Excel / WPS ─────────────────────────────────────────


@dataclass(frozen=True)
class Paste:
    """What a paste writes: values by cell id, how many pasted totals were skipped, and
    how many leading label cells (the row's own name, 予以公开) were."""

    values: dict[str, CellValue | None]
    skipped_totals: int
    skipped_labels: int = 0


# Numbering in front of a printed row label: （一） 一、 1. (after `normalise`).
_NOTE = re.compile(r"\([^()]*\)$")  # a closing parenthetical: （区分处理的，只计这一情形…）
_NUMBERING = re.compile(r"^(?:\([一二三四五六七八九十]+\)|[一二三四五六七八九十]+、|\d+\.)")


def row_labels(row: Row) -> frozenset[str]:
    """Return the forms in which a copied table may print `row`'s label, normalised:
    each part of its header path and its short name, with and without numbering."""
    names = {normalise(p) for p in (*row.path, row.short) if p}
    names |= {_NOTE.sub("", n) for n in names}  # （二）部分公开 without its long note
    return frozenset(f for f in names | {_NUMBERING.sub("", n) for n in names} if f)


def without_labels(line: list[str], row: Row) -> tuple[list[str], int]:
    """Return `line` less its leading label cells, when they name `row` (empty cells
    among them are the merged header cells of a copied table), and how many were cut."""
    labels = row_labels(row)
    last = -1
    for index, text in enumerate(line):
        name = normalise(text)
        if name in labels:
            last = index
        elif name:
            break
    return line[last + 1 :], last + 1


def split_block(text: str) -> list[list[str]]:
    """Return the rows and cells of a tab-separated block as copied from a sheet.

    A quoted cell may hold tabs and line breaks, as Excel writes them.
    """
    rows: list[list[str]] = [[]]
    cell, quoted, i = [], False, 0
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    while i < len(text):
        ch = text[i]
        if quoted:
            if ch == '"' and text[i + 1 : i + 2] == '"':
                cell.append('"')
                i += 1
            elif ch == '"':
                quoted = False
            else:
                cell.append(ch)
        elif ch == '"' and not cell:
            quoted = True
        elif ch == "\t":
            rows[-1].append("".join(cell))
            cell = []
        elif ch == "\n":
            rows[-1].append("".join(cell))
            rows.append([])
            cell = []
        else:
            cell.append(ch)
        i += 1
    if cell or rows[-1]:
        rows[-1].append("".join(cell))
    if rows and not rows[-1]:
        rows.pop()
    return rows


def paste_block(
    table: Table, cells_by_id: dict[str, Cell], row: int, column: int, text: str
) -> Paste:
    """Return the values a pasted block writes from (row, column) of `table`.

    A line may start with the cells of its row's label, as copied from a published
    table (予以公开  12  0 …): they are skipped. Pasted cells that land on totals are
    skipped (totals are computed). Raises CellInputError naming every refused cell, so a
    bad paste stores nothing.
    """
    block = split_block(text)
    labels = 0
    if row + len(block) <= len(table.rows):
        for i, line in enumerate(block):
            block[i], cut = without_labels(line, table.rows[row + i])
            labels += cut
    if row + len(block) > len(table.rows) or column + max(map(len, block), default=0) > len(
        table.columns
    ):
        raise CellInputError(
            f"粘贴的区域（{len(block)} 行 × {max(map(len, block), default=0)} 列）超出了表格范围"
        )
    values: dict[str, CellValue | None] = {}
    errors: list[str] = []
    skipped = 0
    for i, line in enumerate(block):
        for j, text_in_cell in enumerate(line):
            cid = cell_id(table, table.rows[row + i], table.columns[column + j])
            cell = cells_by_id[cid]
            if cell.is_total:
                skipped += 1
                continue
            try:
                values[cid] = parse_cell(text_in_cell, cell)
            except CellInputError as error:
                errors.append(str(error))
    if errors:
        more = f"等 {len(errors)} 处" if len(errors) > 3 else ""
        raise CellInputError("粘贴未完成，没有修改任何单元格：" + "；".join(errors[:3]) + more)
    return Paste(values, skipped, labels)
