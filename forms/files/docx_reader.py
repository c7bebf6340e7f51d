"""Reading Word documents back: a published report (.docx) as printed blocks for
`forms.files.published`, and the plain text of a .docx for the tests of the export.

The body is walked once with lxml on the tree python-docx has already parsed (no
python-docx object per run or cell: `table.cell(i, j)` is quadratic). Merged cells
(`w:gridSpan`, `w:vMerge`) fill every grid slot they cover with their text.
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

from docx import Document
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn

from forms.files.published import (
    Block,
    PrintedCell,
    PrintedParagraph,
    PrintedTable,
    Reading,
    UnreadableReport,
    read_printed,
)

_P, _TBL, _TR, _TC, _SDT = qn("w:p"), qn("w:tbl"), qn("w:tr"), qn("w:tc"), qn("w:sdt")
_SDT_CONTENT = qn("w:sdtContent")
_TEXT = {qn("w:t"): None, qn("w:tab"): "\t", qn("w:br"): "\n", qn("w:cr"): "\n"}
_VAL = qn("w:val")


def read_docx(path: Path) -> Reading:
    """Return the report in the Word document at `path`; raises UnreadableReport."""
    return read_printed(docx_blocks(path))


def docx_blocks(path: Path) -> list[Block]:
    """Return the paragraphs and tables of a .docx body in document order."""
    try:
        document = Document(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, SyntaxError) as error:
        raise UnreadableReport(
            "不是有效的 Word 文档（.docx），文件可能已损坏，或是改了扩展名的其他文件"
        ) from error
    levels = _style_levels(document)
    return list(_blocks(document.element.body, levels))


def _blocks(container: Any, levels: dict[str, int]):
    for child in container:
        if child.tag == _P:
            yield PrintedParagraph(_paragraph_text(child), levels.get(_style_id(child)))
        elif child.tag == _TBL:
            yield _table(child)
        elif child.tag == _SDT:  # a content control of a template wraps its paragraphs
            content = child.find(_SDT_CONTENT)
            if content is not None:
                yield from _blocks(content, levels)


def _style_levels(document: Any) -> dict[str, int]:
    """Return {paragraph style id: 0 for the title, N for Heading N}."""
    levels = {}
    for style in document.styles.element.iter(qn("w:style")):
        name_element = style.find(qn("w:name"))
        name = (name_element.get(_VAL) if name_element is not None else "") or ""
        name = name.lower()
        if name == "title":
            levels[style.get(qn("w:styleId"))] = 0
        elif name.startswith("heading ") and name[8:].isdigit():
            levels[style.get(qn("w:styleId"))] = int(name[8:])
    return levels


def _style_id(paragraph: Any) -> str | None:
    properties = paragraph.find(qn("w:pPr"))
    style = properties.find(qn("w:pStyle")) if properties is not None else None
    return style.get(_VAL) if style is not None else None


def _paragraph_text(paragraph: Any) -> str:
    """Return the text of a w:p: its runs (in hyperlinks and insertions too), tabs and
    line breaks; deleted text and field codes are other elements and stay out."""
    parts = []
    for element in paragraph.iter(*_TEXT):
        fixed = _TEXT[element.tag]
        parts.append(fixed if fixed is not None else element.text or "")
    return "".join(parts)


def _table(table: Any) -> PrintedTable:
    """Return the grid of a w:tbl, a merged cell's text in every slot it covers."""
    rows: list[tuple[PrintedCell, ...]] = []
    above: dict[int, PrintedCell] = {}
    for index, tr in enumerate(table.iter(_TR)):
        if _enclosing_table(tr) is not table:
            continue  # a row of a table nested in a cell
        slots: list[PrintedCell] = []
        column = _grid_before(tr)
        slots.extend(PrintedCell("", (index, -1 - k)) for k in range(column))
        for tc in tr.iter(_TC):
            if _enclosing_row(tc) is not tr:
                continue
            span, merge = _span_and_merge(tc)
            if merge == "continue" and column in above:
                cell = above[column]
            else:
                cell = PrintedCell(_cell_text(tc), (index, column))
            for k in range(span):
                slots.append(cell)
                above[column + k] = cell
            column += span
        rows.append(tuple(slots))
    return PrintedTable(tuple(rows))


def _enclosing_table(element: Any) -> Any:
    parent = element.getparent()
    while parent is not None and parent.tag != _TBL:
        parent = parent.getparent()
    return parent


def _enclosing_row(element: Any) -> Any:
    parent = element.getparent()
    while parent is not None and parent.tag != _TR:
        parent = parent.getparent()
    return parent


def _grid_before(tr: Any) -> int:
    properties = tr.find(qn("w:trPr"))
    before = properties.find(qn("w:gridBefore")) if properties is not None else None
    return int(before.get(_VAL, "0")) if before is not None else 0


def _span_and_merge(tc: Any) -> tuple[int, str | None]:
    properties = tc.find(qn("w:tcPr"))
    if properties is None:
        return 1, None
    span = properties.find(qn("w:gridSpan"))
    merge = properties.find(qn("w:vMerge"))
    columns = int(span.get(_VAL, "1")) if span is not None else 1
    if merge is None:
        return columns, None
    return columns, "restart" if merge.get(_VAL) == "restart" else "continue"


def _cell_text(tc: Any) -> str:
    return "\n".join(_paragraph_text(p) for p in tc.iter(_P))


def document_text(path: Path) -> tuple[str, set[str]]:
    """Return the paragraphs' text (one per line) and the set of table cell texts of a
    .docx, each cell stripped and without thousands separators."""
    document = Document(str(path))
    paragraphs = "\n".join(p.text for p in document.paragraphs)
    cells = {
        cell.text.strip().replace(",", "")
        for table in document.tables
        for row in table.rows
        for cell in row.cells
    }
    return paragraphs, cells
