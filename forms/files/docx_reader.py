"""Reading Word documents back: a published report (.docx) as printed blocks for
`forms.files.published`, and the plain text of a .docx for the tests of the export.

A report is read straight from the package with lxml: the main document part and its
styles, found through the package's relationships, parsed without python-docx's
object layer (which would parse every other part and wrap every element; reading a
folder of 200 reports must cost little more than opening them). Merged cells
(`w:gridSpan`, `w:vMerge`) fill every grid slot they cover with their text.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from pathlib import Path
from typing import Any

from docx import Document
from docx.oxml.ns import qn
from lxml import etree

from forms.files.printed import (
    Block,
    PrintedCell,
    PrintedParagraph,
    PrintedTable,
    UnreadableReport,
)
from forms.files.published import (
    Reading,
    read_printed,
)

_P, _TBL, _TR, _TC, _SDT = qn("w:p"), qn("w:tbl"), qn("w:tr"), qn("w:tc"), qn("w:sdt")
_SDT_CONTENT, _BODY = qn("w:sdtContent"), qn("w:body")
_TEXT = {qn("w:t"): None, qn("w:tab"): "\t", qn("w:br"): "\n", qn("w:cr"): "\n"}
_VAL = qn("w:val")
_TC_PR, _SPAN, _MERGE = qn("w:tcPr"), qn("w:gridSpan"), qn("w:vMerge")
_TR_PR, _BEFORE = qn("w:trPr"), qn("w:gridBefore")
_P_PR, _P_STYLE = qn("w:pPr"), qn("w:pStyle")
_T = qn("w:t")
_RELATIONSHIP = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
_OFFICE_DOCUMENT = "/officeDocument"
_STYLES = "/styles"
# No network, no entities: a document is data, never instructions to the parser.
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)
_NOT_DOCX = "不是有效的 Word 文档（.docx），文件可能已损坏，或是改了扩展名的其他文件"


def read_docx(path: Path) -> Reading:
    """Return the report in the Word document at `path`; raises UnreadableReport."""
    return read_printed(docx_blocks(path))


def docx_blocks(path: Path) -> list[Block]:
    """Return the paragraphs and tables of a .docx body in document order."""
    try:
        with zipfile.ZipFile(path) as package:
            main = _target(package, "_rels/.rels", "", _OFFICE_DOCUMENT)
            if main is None:
                raise UnreadableReport(_NOT_DOCX)
            document = etree.fromstring(package.read(main), _PARSER)
            folder = posixpath.dirname(main)
            rels = posixpath.join(folder, "_rels", posixpath.basename(main) + ".rels")
            styles = _target(package, rels, folder, _STYLES)
            levels = _style_levels(package.read(styles)) if styles else {}
    except (zipfile.BadZipFile, KeyError, ValueError, etree.XMLSyntaxError) as error:
        raise UnreadableReport(_NOT_DOCX) from error
    body = _child(document, _BODY)
    return list(_blocks(body, levels)) if body is not None else []


def _target(package: zipfile.ZipFile, rels: str, folder: str, kind: str) -> str | None:
    """Return the part a relationship of type `…kind` in `rels` points to; None if none."""
    if rels not in package.namelist():
        return None
    for relationship in etree.fromstring(package.read(rels), _PARSER).iter(_RELATIONSHIP):
        if relationship.get("Type", "").endswith(kind):
            target = relationship.get("Target", "")
            if target.startswith("/"):
                return target.lstrip("/")
            return posixpath.normpath(posixpath.join(folder, target))
    return None


def _blocks(container: Any, levels: dict[str, int]):
    for child in container:
        if child.tag == _P:
            yield PrintedParagraph(_paragraph_text(child), levels.get(_style_id(child)))
        elif child.tag == _TBL:
            yield _table(child)
        elif child.tag == _SDT:  # a content control of a template wraps its paragraphs
            content = _child(child, _SDT_CONTENT)
            if content is not None:
                yield from _blocks(content, levels)


# Only the title and heading styles matter. Their names are found in the bytes and the
# style id read just before each: far cheaper than parsing styles.xml, which Word and
# python-docx fill with hundreds of latent styles (350 kB).
_LEVEL_NAME = re.compile(rb'<(?:\w+:)?name\s+(?:\w+:)?val="((?:[Hh]eading \d+)|[Tt]itle)"')
_STYLE_ID = re.compile(rb'styleId="([^"]+)"[^<]*>\s*$')


def _style_levels(styles: bytes) -> dict[str, int]:
    """Return {paragraph style id: 0 for the title, N for Heading N}."""
    levels = {}
    for found in _LEVEL_NAME.finditer(styles):
        opening = styles.rfind(b"<", 0, found.start())
        opening = styles.rfind(b"<", 0, opening) if opening > 0 else -1
        style = _STYLE_ID.search(styles, max(opening, 0), found.start())
        if style is None:
            continue
        name = found.group(1).decode("ascii").lower()
        style_id = style.group(1).decode("utf-8", "replace")
        levels[style_id] = 0 if name == "title" else int(name.split()[1])
    return levels


def _child(element: Any, tag: str) -> Any:
    """Return the first child of `element` with `tag`, or None (lxml's find() goes
    through its Python ElementPath; this stays in C: a report has ~300 cells)."""
    return next(element.iterchildren(tag), None)


def _style_id(paragraph: Any) -> str | None:
    properties = _child(paragraph, _P_PR)
    style = _child(properties, _P_STYLE) if properties is not None else None
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
    for index, tr in enumerate(_children(table, _TR)):
        slots: list[PrintedCell] = []
        column = _grid_before(tr)
        slots.extend(PrintedCell("", (index, -1 - k)) for k in range(column))
        for tc in _children(tr, _TC):
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


_WRAPPERS = (_SDT, _SDT_CONTENT, qn("w:customXml"))


def _children(parent: Any, tag: str):
    """Yield the children of `parent` with `tag`, looking inside content controls and
    custom XML that wrap rows or cells (a nested table's rows are not children)."""
    for child in parent:
        if child.tag == tag:
            yield child
        elif child.tag in _WRAPPERS:
            yield from _children(child, tag)


def _grid_before(tr: Any) -> int:
    properties = _child(tr, _TR_PR)
    before = _child(properties, _BEFORE) if properties is not None else None
    return int(before.get(_VAL, "0")) if before is not None else 0


def _span_and_merge(tc: Any) -> tuple[int, str | None]:
    properties = _child(tc, _TC_PR)
    if properties is None:
        return 1, None
    columns, merge = 1, None
    for child in properties.iterchildren(_SPAN, _MERGE):
        if child.tag == _SPAN:
            columns = int(child.get(_VAL, "1"))
        else:
            merge = "restart" if child.get(_VAL) == "restart" else "continue"
    return columns, merge


def _cell_text(tc: Any) -> str:
    """Return a cell's text, a line per paragraph; tabs and line breaks inside a cell's
    paragraph do not matter for a label or a number (itertext is several times faster
    than visiting every run)."""
    paragraphs = list(tc.iterchildren(_P))
    if len(paragraphs) == 1:  # the usual cell: its text without visiting paragraphs again
        return "".join(paragraphs[0].itertext(_T))
    return "\n".join("".join(p.itertext(_T)) for p in tc.iter(_P))


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
