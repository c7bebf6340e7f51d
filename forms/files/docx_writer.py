"""The Word document: a report laid out like a 公文 (GB/T 9704-2012), see
spec/docx-layout.md. The one module of the project that imports `docx`.

What the document says comes from `forms.files.outline` (title, headings, paragraphs,
tables as grids of merged cells, 落款); this module only renders those blocks.
Sizes: 2号 = 22 pt, 3号 = 16 pt, 4号 = 14 pt, 五号 = 10.5 pt, 小五 = 9 pt.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Emu, Mm, Pt, RGBColor
from docx.styles.style import ParagraphStyle
from docx.text.paragraph import Paragraph as DocxParagraph

from forms.files import docx_package as package
from forms.files.document_style import DocumentStyle
from forms.files.formats import FileProblem, write_atomically
from forms.files.outline import (
    Block,
    Cell,
    Draft,
    Heading,
    Paragraph,
    Part,
    Signature,
    TableBlock,
    Title,
    outline,
)
from forms.files.typesetting import (
    DIGIT,
    LINE_CHARS,
    chars_per_line,
    column_widths,
    header_width,
    signature_indents,
    text_width,
    unit_lines,
)
from forms.format.grid import Grid
from forms.report.text import clean_texts
from forms.report.values import Report

LINE = Pt(28.95)  # 22 lines on the 225 mm type area (GB/T 9704)
_BODY_PT, _TITLE_PT = 16, 22  # 3号, 2号
_SIGNATURE_CHARS = 22  # a longer unit is signed in balanced lines
_TWIPS_PER_MM = 1440 / 25.4
_CELL_MARGIN = 57  # twips (1 mm) left and right: Word's 1.9 mm leaves narrow columns no room
_TABLE_TEXT, _TABLE_SMALL = "Table Text", "Table Text Small"
_TABLE_PT = {_TABLE_TEXT: 10.5, _TABLE_SMALL: 9}  # 五号, 小五
# Widths of the row-header columns, by table id; number columns share the rest (the
# last row-header column gives way when the numbers need room).
_HEADER_WIDTHS_MM: dict[str, tuple[float, ...]] = {"s2.art20_1": (48,), "s3": (12, 18, 49)}


@dataclass(frozen=True)
class ExportResult:
    """A written document and the text fields whose illegal characters were removed."""

    path: Path
    cleaned_fields: list[str]


class ExportError(Exception):
    """The document could not be written; the message tells the clerk why, in Chinese."""


def export_report(
    report: Report,
    path: Path,
    style: DocumentStyle = DocumentStyle(),
    errors: int = 0,
    today: date | None = None,
) -> ExportResult:
    """Write `report` as a Word document to `path`, replacing a file there only once the
    whole document is written; raises ExportError with a Chinese message.

    `errors`: the errors a report that is not 定稿 still has (草稿 in the page header
    when more than 0); `today`: the 成文日期 when the report has none (default today)."""
    path = Path(path)
    document, cleaned = _document(report, style, outline(report, errors, today))
    try:  # atomically, with the retries Windows needs, as every file the program writes
        write_atomically(path, package.saved(document))
    except FileProblem as problem:
        raise ExportError(str(problem)) from problem
    return ExportResult(path, cleaned)


def document_bytes(
    report: Report, style: DocumentStyle = DocumentStyle(), errors: int = 0
) -> bytes:
    """Return the .docx file of `report` as bytes (see `export_report`)."""
    return package.saved(_document(report, style, outline(report, errors))[0])


# ── the document ─────────────────────────────────────────────────────────────


def _document(
    report: Report, style: DocumentStyle, blocks: list[Block]
) -> tuple[DocxDocument, list[str]]:
    """Return the document of `blocks` and the ids of the text fields that were cleaned."""
    cleaned = clean_texts(report.texts)[1]
    document = Document()
    _page(document)
    _styles(document, style)
    _page_numbers(document)
    for block in blocks:
        _render(document, block)
    package.finish(document, report, style)
    return document, cleaned


def _render(document: DocxDocument, block: Block) -> None:
    """Add one block of the outline to `document`."""
    if isinstance(block, Draft):
        _draft_mark(document)
    elif isinstance(block, Title):
        _title(document, block)
    elif isinstance(block, Heading):
        document.add_heading(block.text, level=block.level)
    elif isinstance(block, Paragraph):
        document.add_paragraph(block.text)
    elif isinstance(block, TableBlock):
        _table(document, block)
    elif isinstance(block, Signature):
        _signature(document, block)


def _title(document: DocxDocument, title: Title) -> None:
    """The unit (in balanced lines when it is long), the year's title, a blank line: a
    line breaks between the unit and 年度…报告, not inside a word of the unit."""
    per_line = chars_per_line(_TITLE_PT)
    lines = unit_lines(title.unit, per_line) if title.unit else []
    for line in [*lines, title.title]:
        document.add_paragraph(line, style="Title")
    document.add_paragraph()


def _signature(document: DocxDocument, signature: Signature) -> None:
    """The 落款 one blank line below the text: the unit centred over the date (a long
    unit in balanced lines broken after a word), the date 右空四字; kept on the page of
    the text's last lines (never alone, no widow)."""
    last = document.paragraphs[-1].paragraph_format
    last.keep_with_next = last.widow_control = True
    document.add_paragraph().paragraph_format.keep_with_next = True
    lines = unit_lines(signature.unit, _SIGNATURE_CHARS)
    for text in [*lines, signature.date_text]:
        paragraph = document.add_paragraph(text)
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        paragraph.paragraph_format.keep_with_next = text != signature.date_text
        unit_indent, date_indent = signature_indents(text, signature.date_text)
        indent = date_indent if text == signature.date_text else unit_indent
        _indent(paragraph._p.get_or_add_pPr(), first=0, right=indent, size=_BODY_PT)


def _draft_mark(document: DocxDocument) -> None:
    """草稿 at the right of every page's header."""
    section = document.sections[0]
    for header in (section.header, section.even_page_header):
        paragraph = header.paragraphs[0]
        paragraph.style = "Header"
        paragraph.text = "草稿"
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT


def _page(document: DocxDocument) -> None:
    """A4 portrait with the 公文 margins (type area 156 mm × 225 mm)."""
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    section.header_distance = Mm(15)
    section.footer_distance = Mm(25)  # page number about 7 mm below the type area
    _document_grid(section._sectPr)


def _document_grid(section: Any) -> None:
    """The GB/T 9704 grid of 22 lines; the 28 characters a line come from the body
    style's character spacing (`_body_pitch`). Word's character grid (linesAndChars with
    a negative charSpace) would do the same in Word and WPS, but LibreOffice 7 puts each
    3号 character in two grid cells when a cell is narrower than 16 pt."""
    for old in section.findall(qn("w:docGrid")):
        section.remove(old)
    section.append(_element("w:docGrid", type="lines", linePitch=str(round(LINE.pt * 20))))


def _body_pitch(document: DocxDocument) -> int:
    """Return the character spacing in twentieths of a point that puts 28 characters of
    3号 on a line of the type area (−5: 15.75 pt a character, 441 of 442 pt)."""
    section = document.sections[0]
    width = section.page_width - section.left_margin - section.right_margin
    return math.floor((Emu(width).pt / LINE_CHARS - _BODY_PT) * 20)


# ── styles ───────────────────────────────────────────────────────────────────


def _styles(document: DocxDocument, style: DocumentStyle) -> None:
    """Body, title, headings, tables and footer, all with exact line spacing where
    the 公文 grid applies and East Asian font names everywhere."""
    _defaults(document, style.body_font)
    _drop_theme_fonts(document.styles.element)
    styles = document.styles
    _paragraph_style(styles["Normal"], style.body_font, 16, LINE, indent_chars=2)
    _character_spacing(styles["Normal"], _body_pitch(document))
    styles["Normal"].paragraph_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    styles["Normal"].paragraph_format.widow_control = False  # keeps the 22-line grid
    title = _paragraph_style(styles["Title"], style.title_font, _TITLE_PT, LINE, indent_chars=0)
    title.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _off_grid(title)
    heading_fonts = (style.heading1_font, style.heading2_font, style.body_font)
    for level, font in enumerate(heading_fonts, start=1):
        heading = _paragraph_style(styles[f"Heading {level}"], font, 16, LINE, indent_chars=2)
        _outline_level(heading, level - 1)
        heading.paragraph_format.keep_with_next = True
    for name, size in _TABLE_PT.items():
        table = styles.add_style(name, 1)  # 1: paragraph style
        table.base_style = styles["Normal"]
        _paragraph_style(table, style.table_font, size, None, indent_chars=0)
        table.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _off_grid(table)
    _off_grid(_paragraph_style(styles["Footer"], style.page_number_font, 14, None, 0))
    _off_grid(_paragraph_style(styles["Header"], style.heading1_font, 16, None, 0))


def _character_spacing(style: ParagraphStyle, twentieths: int) -> None:
    """Set the spacing between the characters of `style` (w:spacing in its w:rPr)."""
    properties = style.element.get_or_add_rPr()
    for old in properties.findall(qn("w:spacing")):
        properties.remove(old)
    properties.insert_element_before(
        _element("w:spacing", val=str(twentieths)),
        *("w:w", "w:kern", "w:position", "w:sz", "w:szCs", "w:highlight", "w:u"),
        *("w:effect", "w:bdr", "w:shd", "w:fitText", "w:vertAlign", "w:rtl", "w:cs"),
        *("w:em", "w:lang", "w:eastAsianLayout", "w:specVanish", "w:oMath"),
    )


def _off_grid(style: ParagraphStyle) -> None:
    """Let `style` keep its own size and spacing: off the document grid, which would
    space table text and the 2号 title like 3号 body lines, and without the body's
    narrower character spacing."""
    _character_spacing(style, 0)
    properties = style.element.get_or_add_pPr()
    properties.insert_element_before(
        _element("w:snapToGrid", val="0"),
        *("w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents", "w:jc"),
        *("w:textDirection", "w:textAlignment", "w:outlineLvl", "w:rPr"),
    )


def _defaults(document: DocxDocument, font: str) -> None:
    """Document defaults: the body font instead of theme fonts; Chinese language."""
    defaults = document.styles.element.find(qn("w:docDefaults"))
    run = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    _fonts(run, font)
    run.find(qn("w:lang")).set(qn("w:eastAsia"), "zh-CN")
    for size in ("w:sz", "w:szCs"):  # 3号: Word measures the grid's characters in it
        run.find(qn(size)).set(qn("w:val"), str(_BODY_PT * 2))
    spacing = defaults.find(qn("w:pPrDefault")).find(qn("w:pPr")).find(qn("w:spacing"))
    spacing.set(qn("w:after"), "0")
    language = document.settings.element.find(qn("w:themeFontLang"))
    if language is not None:
        language.set(qn("w:eastAsia"), "zh-CN")


def _drop_theme_fonts(styles: Any) -> None:
    """Remove theme fonts from the template's other styles (Quote, Heading 4, …) so they
    inherit the body font: a theme font overrides any name and is not Chinese."""
    for fonts in list(styles.iter(qn("w:rFonts"))):
        for attribute in [a for a in fonts.attrib if a.lower().endswith("theme")]:
            del fonts.attrib[attribute]
        if not fonts.attrib:
            fonts.getparent().remove(fonts)


def _paragraph_style(
    style: ParagraphStyle, font: str, size: float, line: Pt | None, indent_chars: int
) -> ParagraphStyle:
    """Reset `style` to plain black `font` at `size` pt with no space before or after:
    exact spacing `line`, or single when None; first line indented `indent_chars`."""
    for tag in ("w:rPr", "w:pPr"):
        style.element.remove_all(tag)  # drops the template's theme fonts, colours, borders
    style.font.size = Pt(size)
    style.font.bold = style.font.italic = False
    style.font.color.rgb = RGBColor(0, 0, 0)
    _fonts(style.element.get_or_add_rPr(), font)
    spacing = style.paragraph_format
    spacing.space_before = spacing.space_after = Pt(0)
    if line is None:
        spacing.line_spacing_rule = WD_LINE_SPACING.SINGLE
    else:
        spacing.line_spacing, spacing.line_spacing_rule = line, WD_LINE_SPACING.EXACTLY
    _first_line_indent(style.element.get_or_add_pPr(), indent_chars, size)
    return style


def _fonts(run_properties: Any, font: str) -> None:
    """Name `font` for Latin and East Asian text; theme fonts would override the names."""
    fonts = run_properties.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        run_properties.insert(0, fonts)
    for attribute in list(fonts.attrib):
        del fonts.attrib[attribute]
    for kind in ("ascii", "hAnsi", "eastAsia", "cs"):
        fonts.set(qn(f"w:{kind}"), font)


def _first_line_indent(paragraph_properties: Any, chars: int, size: float) -> None:
    """Indent the first line by `chars` characters (Word and WPS read *Chars first)."""
    _indent(paragraph_properties, first=chars, right=None, size=size)


def _indent(properties: Any, first: float, right: float | None, size: float) -> None:
    """Indent the first line by `first` and the right edge by `right` characters of
    `size` pt (Word and WPS read *Chars first)."""
    indent = properties.get_or_add_ind()
    sides = (("firstLine", first), ("right", right))
    for side, chars in sides:
        if chars is not None:
            indent.set(qn(f"w:{side}Chars"), str(round(chars * 100)))
            indent.set(qn(f"w:{side}"), str(round(chars * size * 20)))


def _outline_level(style: ParagraphStyle, level: int) -> None:
    """Give `style` an outline level, so the navigation pane lists its paragraphs."""
    outline = OxmlElement("w:outlineLvl")
    outline.set(qn("w:val"), str(level))
    properties = style.element.get_or_add_pPr()
    # w:outlineLvl comes after w:jc / w:ind in CT_PPrBase; python-docx only orders its own.
    properties.insert_element_before(outline, "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr")


# ── page numbers ─────────────────────────────────────────────────────────────


def _page_numbers(document: DocxDocument) -> None:
    """`— N —` in the footer: odd pages right, even pages left, one character in."""
    document.settings.odd_and_even_pages_header_footer = True
    section = document.sections[0]
    _page_number(section.footer.paragraphs[0], right=True)
    _page_number(section.even_page_footer.paragraphs[0], right=False)


def _page_number(paragraph: DocxParagraph, right: bool) -> None:
    """Fill `paragraph` with a PAGE field between dashes, aligned to its side."""
    paragraph.style = "Footer"
    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT if right else WD_ALIGN_PARAGRAPH.LEFT
    side = "right" if right else "left"
    indent = paragraph._p.get_or_add_pPr().get_or_add_ind()
    indent.set(qn(f"w:{side}Chars"), "100")
    indent.set(qn(f"w:{side}"), "280")  # one 14 pt character
    paragraph.add_run("— ")
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None)):
        paragraph.add_run()._r.append(_field_part(kind, text))
    paragraph.add_run("1")
    paragraph.add_run()._r.append(_field_part("end", None))
    paragraph.add_run(" —")


def _field_part(kind: str | None, instruction: str | None) -> Any:
    """Return a w:fldChar of `kind`, or a w:instrText holding `instruction`."""
    if kind is None:
        element = OxmlElement("w:instrText")
        element.set(qn("xml:space"), "preserve")
        element.text = instruction
        return element
    element = OxmlElement("w:fldChar")
    element.set(qn("w:fldCharType"), kind)
    return element


# ── tables ───────────────────────────────────────────────────────────────────


def _table(document: DocxDocument, block: TableBlock) -> None:
    """Draw a section's tables as one Word table."""
    several = len(block.parts) > 1  # captions in between: no header to repeat
    style = _TABLE_TEXT if several else _TABLE_SMALL
    widths = _widths(block, _TABLE_PT[style])
    element = document.add_table(rows=0, cols=block.columns)._tbl
    _table_frame(element, widths)
    kept = set().union(*(_kept_rows(p, several) for p in block.parts))
    headers = {r for p in block.parts for r in range(p.first_row, p.first_row + p.header_rows)}
    for row in range(block.rows):
        header = row in headers and not several
        element.append(_row(list(block.covering(row)), widths, style, header, row in kept))


def _kept_rows(part: Part, several: bool) -> set[int]:
    """Return the drawn rows of `part` to keep with the next row.

    One of several tables (section 二) is kept whole, the page may break between them.
    A table alone keeps its header, its first rows and its first group of results
    together (so it never starts at the foot of a page with a few rows, and its long
    merged label starts beside enough rows to hold it), and never cuts a group; a table
    with no groups (section 四) is kept whole."""
    grid, top = part.grid, part.first_row
    last = grid.rows - 1
    groups = _grouped_rows(grid)
    if several or not groups:
        return {top + r for r in range(last)}
    lead = range(min(max(groups) + 1, _first_group_end(grid), last))
    return {top + r for r in (*lead, *groups)}


def _first_group_end(grid: Grid) -> int:
    """Return the last row of the first merged group of row labels (（三）不予公开)."""
    inner = [s for s in grid.spans if s.rows > 1 and 0 < s.column < grid.header_columns]
    first = min(inner, key=lambda s: s.row)
    return first.row + first.rows - 1


def _grouped_rows(grid: Grid) -> set[int]:
    """Return the rows to keep with the next one: all but the last row of each merged
    row header inside the outermost one (（三）不予公开 …), so a page break never cuts
    a group (LibreOffice would print its label in the wrong half)."""
    return {
        row
        for span in grid.spans
        if span.rows > 1 and 0 < span.column < grid.header_columns
        for row in range(span.row, span.row + span.rows - 1)
    }


def _widths(block: TableBlock, size: float) -> list[int]:
    """Return the column widths in twips: row headers as set, each number column as
    wide as its header label and its widest value need, the rest shared."""
    first = block.parts[0]
    headers = list(_HEADER_WIDTHS_MM.get(first.table.id, ()))[: first.grid.header_columns]
    needs = [0.0] * (block.columns - len(headers))
    for cell in block.cells:
        if cell.columns == 1 and cell.column >= len(headers):
            need = header_width(cell.text) if cell.header else text_width(cell.text, DIGIT)
            needs[cell.column - len(headers)] = max(needs[cell.column - len(headers)], need)
    padding = 2 * _CELL_MARGIN / _TWIPS_PER_MM + 0.5  # cell margins and rounding
    widths = column_widths(headers, needs, size, padding)
    return [int(mm * _TWIPS_PER_MM) for mm in widths]


def _table_frame(table: Any, widths: list[int]) -> None:
    """Fixed layout, centred, single borders, narrow cell margins, the column grid."""
    for tag in ("w:tblPr", "w:tblGrid"):
        table.remove_all(tag)
    properties = _element("w:tblPr")
    properties.append(_element("w:tblW", w=str(sum(widths)), type="dxa"))
    properties.append(_element("w:jc", val="center"))
    borders = _element("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        borders.append(_element(f"w:{side}", val="single", sz="4", space="0", color="000000"))
    properties.append(borders)
    properties.append(_element("w:tblLayout", type="fixed"))
    margins = _element("w:tblCellMar")
    for side in ("left", "right"):
        margins.append(_element(f"w:{side}", w=str(_CELL_MARGIN), type="dxa"))
    properties.append(margins)
    grid = _element("w:tblGrid")
    for width in widths:
        grid.append(_element("w:gridCol", w=str(width)))
    table.insert(0, grid)
    table.insert(0, properties)


def _row(
    cells: list[tuple[Cell, bool]], widths: list[int], style: str, header: bool, keep: bool
) -> Any:
    """Return a w:tr of `cells` (each with whether it starts in this row) that never
    splits across pages; header rows repeat on each page."""
    row = _element("w:tr")
    properties = _element("w:trPr")
    properties.append(_element("w:cantSplit"))
    if header:
        properties.append(_element("w:tblHeader"))
    row.append(properties)
    for cell, starts in cells:
        width = sum(widths[cell.column : cell.column + cell.columns])
        row.append(_cell(cell, starts, width, style, keep))
    return row


def _cell(cell: Cell, starts: bool, width: int, style: str, keep: bool) -> Any:
    """Return a w:tc: vertically centred, merged as the cell spans (a cell merged from
    above continues it, empty), its text centred."""
    element = _element("w:tc")
    properties = _element("w:tcPr")
    properties.append(_element("w:tcW", w=str(width), type="dxa"))
    if cell.columns > 1:
        properties.append(_element("w:gridSpan", val=str(cell.columns)))
    if cell.rows > 1 and starts:
        properties.append(_element("w:vMerge", val="restart"))
    elif cell.rows > 1:
        properties.append(_element("w:vMerge"))
    properties.append(_element("w:vAlign", val="center"))
    element.append(properties)
    paragraph = _element("w:p")
    paragraph_properties = _element("w:pPr")
    paragraph_properties.append(_element("w:pStyle", val=style.replace(" ", "")))
    if keep:
        paragraph_properties.append(_element("w:keepNext"))
    paragraph.append(paragraph_properties)
    if cell.text and starts:
        run = _element("w:r")
        run.append(_element("w:t", text=cell.text))
        paragraph.append(run)
    element.append(paragraph)
    return element


def _element(tag: str, text: str | None = None, **attributes: str) -> Any:
    """Return a new WordprocessingML element with w: attributes and optional text."""
    element = OxmlElement(tag)
    for name, value in attributes.items():
        element.set(qn(f"w:{name}"), value)
    if text is not None:
        element.text = text
    return element
