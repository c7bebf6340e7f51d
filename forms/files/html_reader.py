"""Reading a report published as a web page (.html/.htm, as saved from a portal with
the browser, or made by Word/WPS/LibreOffice) into printed blocks for
`forms.files.published`, with lxml's HTML parser.

- The encoding is the one the page declares (`<meta charset>`, GB2312 read as its
  superset GB18030), else UTF-8, else GB18030.
- Scripts, styles and comments (Word's conditional comments) are dropped; `<font>`,
  `<span>` and other inline soup is read as its text; `&nbsp;` is a space.
- A table holding other tables is layout: its cells are read as running text, in
  order. A table holding none is a data table, read as a grid with `rowspan`/`colspan`
  filled in.
- A portal page has navigation and a footer around the report: only the part of the
  page holding the title and the headings 一 … 六 is read.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from lxml import etree, html

from forms.files.printed import (
    Block,
    PrintedCell,
    PrintedParagraph,
    PrintedTable,
    UnreadableReport,
)
from forms.files.printed_texts import section_of_heading, title_year
from forms.files.published import Reading, read_printed
from forms.format.registry import CURRENT

_DECLARED = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.I)
_BLOCK_TAGS = frozenset(
    [
        "p",
        "div",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "li",
        "ul",
        "ol",
        "dl",
        "dt",
        "dd",
        "blockquote",
        "section",
        "article",
        "header",
        "footer",
        "main",
        "center",
        "pre",
        "address",
        "form",
        "fieldset",
        "hr",
        "caption",
        "table",
        "tr",
        "body",
        "html",
        "nav",
        "aside",
    ]
)
_HEADING_LEVEL = {f"h{n}": n for n in range(1, 7)}
_MARGINS = (
    "//div[@title='header' or @title='footer']"
    " | //*[contains(@style, 'mso-element:header') or contains(@style, 'mso-element:footer')]"
)
_DROPPED = ("script", "style", "noscript", "head", "title", "template", "iframe", "object")
_CJK = "\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef"
_BROKEN_LINE = re.compile(rf"(?<=[{_CJK}])[ \t]*[\r\n]+[ \t]*(?=[{_CJK}])")
_SPACES = re.compile(r"[ \t\r\n\f\u00a0]+")


def read_html(path: Path) -> Reading:
    """Return the report in the web page at `path`; raises UnreadableReport."""
    return read_printed(html_blocks(Path(path).read_bytes()))


def decode(data: bytes) -> str:
    """Return the page's text in the encoding it declares, else UTF-8, else GB18030."""
    declared = _DECLARED.search(data[:4096])
    names = []
    if data.startswith(b"\xef\xbb\xbf"):
        names.append("utf-8-sig")
    if declared:
        name = declared.group(1).decode("ascii").lower()
        names.append("gb18030" if name in ("gb2312", "gbk", "gb_2312-80", "x-gbk") else name)
    names += ["utf-8", "gb18030"]
    for name in names:
        try:
            return data.decode(name)
        except (UnicodeDecodeError, LookupError):
            continue
    return data.decode("utf-8", errors="replace")


def html_blocks(data: bytes) -> list[Block]:
    """Return the paragraphs and data tables of a web page, in reading order."""
    text = decode(data)
    try:
        root = html.document_fromstring(text.encode("utf-8"), parser=_parser())
    except (etree.ParserError, ValueError) as error:
        raise UnreadableReport("不是可以读取的网页文件") from error
    for element in list(root.iter(etree.Comment, etree.ProcessingInstruction, *_DROPPED)):
        element.drop_tree()  # keeps the text after it
    # page headers and footers of a page saved by LibreOffice or Word (page numbers)
    for element in list(root.xpath(_MARGINS)):
        element.drop_tree()
    walker = _Walker()
    walker.walk(root)
    walker.flush()
    return _report_part(walker.blocks)


def _parser() -> Any:
    return html.HTMLParser(encoding="utf-8", remove_comments=True, remove_pis=True)


class _Walker:
    """Walks the page in reading order, gathering text into paragraphs, each with the
    block element (p, div, td, h1 …) it was printed in."""

    def __init__(self) -> None:
        self.blocks: list[tuple[Block, Any]] = []
        self.parts: list[str] = []
        self.container: Any = None

    def walk(self, element: Any, container: Any = None) -> None:
        tag = _tag(element)
        if tag == "br":
            self.flush()
            return
        if tag == "table" and _is_data_table(element):
            self.flush()
            self.blocks.append((_grid(element), element))
            return
        block = tag in _BLOCK_TAGS or tag in ("td", "th")
        if block:
            self.flush()
            container = element
        if element.text:
            self._add(element.text, container)
        for child in element:
            self.walk(child, container)
            if child.tail:
                self._add(child.tail, container)
        if block:
            self.flush()

    def _add(self, text: str, container: Any) -> None:
        if not self.parts:
            self.container = container
        self.parts.append(text)

    def flush(self) -> None:
        text = _clean("".join(self.parts))
        if text:
            level = _HEADING_LEVEL.get(_tag(self.container)) if self.container is not None else None
            self.blocks.append((PrintedParagraph(text, level), self.container))
        self.parts = []


def _tag(element: Any) -> str:
    """Return the element's tag in lower case; Word's own tags keep their prefix (<o:p>
    is an inline marker, not a paragraph)."""
    return element.tag.lower() if isinstance(element.tag, str) else ""


def _clean(text: str) -> str:
    """Return text as a browser shows it: a line break in the source between two Chinese
    characters is nothing, other runs of white space one space."""
    return _SPACES.sub(" ", _BROKEN_LINE.sub("", text)).strip()


def _is_data_table(table: Any) -> bool:
    return next(table.iterdescendants("table"), None) is None


def _grid(table: Any) -> PrintedTable:
    """Return the grid of a data table, a spanned cell's text in every slot it covers."""
    rows: list[list[PrintedCell | None]] = []
    for r, tr in enumerate(table.iter("tr")):
        while len(rows) <= r:
            rows.append([])
        column = 0
        for cell in tr:
            if not isinstance(cell.tag, str) or cell.tag.lower() not in ("td", "th"):
                continue
            while column < len(rows[r]) and rows[r][column] is not None:
                column += 1
            printed = PrintedCell(_cell_text(cell), (r, column))
            for dr in range(_span(cell, "rowspan")):
                while len(rows) <= r + dr:
                    rows.append([])
                line = rows[r + dr]
                for dc in range(_span(cell, "colspan")):
                    while len(line) <= column + dc:
                        line.append(None)
                    line[column + dc] = printed
            column += _span(cell, "colspan")
    return PrintedTable(
        tuple(
            tuple(c if c is not None else PrintedCell("", (r, k)) for k, c in enumerate(row))
            for r, row in enumerate(rows)
        )
    )


def _span(cell: Any, name: str) -> int:
    try:
        return max(1, min(int(cell.get(name, "1").strip() or 1), 200))
    except ValueError:
        return 1


def _cell_text(cell: Any) -> str:
    """Return a cell's text, a line per paragraph or <br>."""
    walker = _Walker()
    walker.walk(cell)
    walker.flush()
    return "\n".join(b.text for b, _ in walker.blocks if isinstance(b, PrintedParagraph))


def _report_part(blocks: list[tuple[Block, Any]]) -> list[Block]:
    """Return the blocks inside the smallest part of the page holding the title and the
    headings 一 and 六 (a portal's menus and footer lie outside it); all of them when
    those are not found."""
    marks = []
    first = last = None
    for index, (block, element) in enumerate(blocks):
        if not isinstance(block, PrintedParagraph):
            continue
        section = section_of_heading(CURRENT, block.text)
        if section is CURRENT.sections[0] and first is None:
            first = index
            marks.append(element)
        elif section is CURRENT.sections[-1]:
            last = index
            marks.append(element)
    if first is None or last is None:
        return [b for b, _ in blocks]
    title = next(
        (
            element
            for block, element in reversed(blocks[:first])
            if isinstance(block, PrintedParagraph) and title_year(block.text)
        ),
        None,
    )
    if title is not None:
        marks.append(title)
    container = _common_ancestor(marks)
    inside = set(container.iter()) if container is not None else None
    return [b for b, e in blocks if inside is None or e in inside]


def _common_ancestor(elements: list[Any]) -> Any:
    chains = [list(reversed([e, *e.iterancestors()])) for e in elements if e is not None]
    if not chains:
        return None
    common = None
    for level in zip(*chains, strict=False):
        if all(e is level[0] for e in level):
            common = level[0]
        else:
            break
    return common
