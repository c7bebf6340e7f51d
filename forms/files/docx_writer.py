"""The Word document: a report laid out like a 公文 (GB/T 9704-2012), see
spec/docx-layout.md. The one module of the project that imports `docx`.

Tables are drawn from `forms.format.grid.table_grid` (merged headers) and
`forms.report.totals.resolve` (what each cell shows); the layout is never repeated here.
Sizes: 2号 = 22 pt, 3号 = 16 pt, 4号 = 14 pt, 五号 = 10.5 pt, 小五 = 9 pt.
"""

from __future__ import annotations

import contextlib
import io
import os
import tempfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from docx.styles.style import ParagraphStyle
from docx.text.paragraph import Paragraph

from forms.files.document_style import DocumentStyle
from forms.format.cells import cell_id
from forms.format.grid import Grid, table_grid
from forms.format.spec import Section, Table, TextField
from forms.report.file_problems import cause
from forms.report.text import clean_text, clean_texts, paragraphs
from forms.report.totals import resolve
from forms.report.values import CellValue, Report, value_text

LINE = Pt(28.95)  # 22 lines on the 225 mm type area (GB/T 9704)
TYPE_WIDTH_MM = 156  # 210 mm − 28 mm − 26 mm
_TWIPS_PER_MM = 1440 / 25.4
_CELL_MARGIN = 57  # twips (1 mm) left and right: Word's 1.9 mm leaves narrow columns no room
_TABLE_TEXT, _TABLE_SMALL = "Table Text", "Table Text Small"
# Widths of the row-header columns, by table id; number columns share the rest.
_HEADER_WIDTHS_MM: dict[str, tuple[float, ...]] = {"s2.art20_1": (48,), "s3": (12, 18, 49)}


@dataclass(frozen=True)
class ExportResult:
    """A written document and the text fields whose illegal characters were removed."""

    path: Path
    cleaned_fields: list[str]


PROPERTY_LENGTH = 255


class ExportError(Exception):
    """The document could not be written; the message tells the clerk why, in Chinese."""


def export_report(
    report: Report, path: Path, style: DocumentStyle = DocumentStyle()
) -> ExportResult:
    """Write `report` as a Word document to `path`, replacing a file there only once the
    whole document is written; raises ExportError with a Chinese message."""
    path = Path(path)
    document, cleaned = _document(report, style)
    buffer = io.BytesIO()
    document.save(buffer)
    _write_atomically(path, buffer.getvalue())
    return ExportResult(path, cleaned)


def document_bytes(report: Report, style: DocumentStyle = DocumentStyle()) -> bytes:
    """Return the .docx file of `report` as bytes."""
    buffer = io.BytesIO()
    _document(report, style)[0].save(buffer)
    return buffer.getvalue()


# ── writing the file ─────────────────────────────────────────────────────────


def _write_atomically(path: Path, data: bytes) -> None:
    """Write `data` to a temporary file beside `path`, then move it over `path`."""
    temporary = None
    try:
        handle, temporary = tempfile.mkstemp(prefix=".~", suffix=".docx.tmp", dir=path.parent)
        with os.fdopen(handle, "wb") as file:
            file.write(data)
        # mkstemp makes the file private (0600); a document is shared like any other file
        os.chmod(temporary, _shared_mode())
        os.replace(temporary, path)
    except OSError as error:
        if temporary:
            with contextlib.suppress(OSError):
                os.remove(temporary)
        raise ExportError(_write_problem(path, error)) from error


def _shared_mode() -> int:
    """Return the mode a newly created file gets here (0666 less the umask)."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def _write_problem(path: Path, error: OSError) -> str:
    """Return the Chinese message for a failed write: the real cause, what to do."""
    return f"无法写入 {path}：{cause(error)}"


# ── the document ─────────────────────────────────────────────────────────────


def _document(report: Report, style: DocumentStyle) -> tuple[DocxDocument, list[str]]:
    """Return the document of `report` and the ids of the text fields that were cleaned."""
    texts, cleaned = clean_texts(report.texts)
    document = Document()
    _page(document)
    _styles(document, style)
    _page_numbers(document)
    _properties(document, report)
    _title(document, report)
    shown = resolve(report)
    for section in report.form.sections:
        _section(document, section, texts, shown)
    return document, cleaned


def _page(document: DocxDocument) -> None:
    """A4 portrait with the 公文 margins (type area 156 mm × 225 mm)."""
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    section.header_distance = Mm(15)
    section.footer_distance = Mm(25)  # page number about 7 mm below the type area


def _properties(document: DocxDocument, report: Report) -> None:
    """Title and author instead of python-docx's template properties."""
    properties = document.core_properties
    # python-docx refuses core properties longer than 255 characters
    title = f"{clean_text(report.unit)}{report.year}年{report.form.title}"
    properties.title = title[:PROPERTY_LENGTH]
    author = clean_text(report.unit)[:PROPERTY_LENGTH] or "年报助手"
    properties.author = properties.last_modified_by = author
    properties.created = properties.modified = datetime.now().replace(microsecond=0)
    properties.revision = 1


def _title(document: DocxDocument, report: Report) -> None:
    """The unit and the year's title, centred, then one blank line."""
    lines = [clean_text(report.unit).strip(), f"{report.year}年{report.form.title}"]
    for line in filter(None, lines):
        document.add_paragraph(line, style="Title")
    document.add_paragraph()


def _section(document: DocxDocument, section: Section, texts: dict[str, str], shown: dict) -> None:
    """A numbered section: its heading, text fields in form order, its tables as one."""
    document.add_heading(section.heading, level=1)
    for part in section.parts:
        if isinstance(part, TextField):
            _text_field(document, part, texts.get(part.id, ""))
    tables = [p for p in section.parts if isinstance(p, Table)]
    if tables:
        _table(document, tables, shown)


def _text_field(document: DocxDocument, field: TextField, text: str) -> None:
    """A text field: its heading and one body paragraph per line; an empty field
    prints nothing, so a report that says all in 总体情况 has no bare sub-headings."""
    lines = paragraphs(text)
    if field.heading and lines:
        document.add_heading(field.heading, level=2)
    for paragraph in lines:
        document.add_paragraph(paragraph)


# ── styles ───────────────────────────────────────────────────────────────────


def _styles(document: DocxDocument, style: DocumentStyle) -> None:
    """Body, title, headings, tables and footer, all with exact line spacing where
    the 公文 grid applies and East Asian font names everywhere."""
    _defaults(document, style.body_font)
    _drop_theme_fonts(document.styles.element)
    styles = document.styles
    _paragraph_style(styles["Normal"], style.body_font, 16, LINE, indent_chars=2)
    styles["Normal"].paragraph_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    styles["Normal"].paragraph_format.widow_control = False  # keeps the 22-line grid
    title = _paragraph_style(styles["Title"], style.title_font, 22, LINE, indent_chars=0)
    title.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    heading_fonts = (style.heading1_font, style.heading2_font, style.body_font)
    for level, font in enumerate(heading_fonts, start=1):
        heading = _paragraph_style(styles[f"Heading {level}"], font, 16, LINE, indent_chars=2)
        _outline_level(heading, level - 1)
        heading.paragraph_format.keep_with_next = True
    for name, size in ((_TABLE_TEXT, 10.5), (_TABLE_SMALL, 9)):
        table = styles.add_style(name, 1)  # 1: paragraph style
        table.base_style = styles["Normal"]
        _paragraph_style(table, style.table_font, size, None, indent_chars=0)
        table.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _paragraph_style(styles["Footer"], style.page_number_font, 14, None, indent_chars=0)


def _defaults(document: DocxDocument, font: str) -> None:
    """Document defaults: the body font instead of theme fonts; Chinese language."""
    defaults = document.styles.element.find(qn("w:docDefaults"))
    run = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    _fonts(run, font)
    run.find(qn("w:lang")).set(qn("w:eastAsia"), "zh-CN")
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
    indent = paragraph_properties.get_or_add_ind()
    indent.set(qn("w:firstLineChars"), str(chars * 100))
    indent.set(qn("w:firstLine"), str(round(chars * size * 20)))


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


def _page_number(paragraph: Paragraph, right: bool) -> None:
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


@dataclass(frozen=True)
class _Slot:
    """One Word cell of a row: its grid columns, text and vertical merge."""

    start: int
    span: int
    text: str
    merge: str | None  # "restart", "continue" or None


def _table(document: DocxDocument, tables: list[Table], shown: dict) -> None:
    """Draw the tables of a section as one Word table, narrower ones stretched."""
    grids = [table_grid(t) for t in tables]
    width = max(g.columns for g in grids)
    widths = _widths(tables[0], grids[0], width)
    element = document.add_table(rows=0, cols=width)._tbl
    _table_frame(element, widths)
    together = len(tables) > 1  # several captions: no header to repeat; keep on one page
    style = _TABLE_TEXT if together else _TABLE_SMALL
    rows = [
        (slots, index < grid.header_rows, together or index in _grouped_rows(grid))
        for table, grid in zip(tables, grids, strict=True)
        for index, slots in enumerate(_slots(grid, _body(table, grid, shown), width))
    ]
    for number, (slots, header, keep) in enumerate(rows):
        last = number == len(rows) - 1
        element.append(_row(slots, widths, style, header and not together, keep and not last))


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


def _widths(table: Table, grid: Grid, width: int) -> list[int]:
    """Return the column widths in twips: row headers as set, numbers share the rest."""
    headers = list(_HEADER_WIDTHS_MM.get(table.id, ()))[: grid.header_columns]
    rest = (TYPE_WIDTH_MM - sum(headers)) / (width - len(headers))
    return [int(mm * _TWIPS_PER_MM) for mm in headers + [rest] * (width - len(headers))]


def _body(table: Table, grid: Grid, shown: dict[str, CellValue | None]) -> dict:
    """Return the printed text of each number cell by grid position ("" when blank)."""
    texts = {}
    for i, row in enumerate(table.rows):
        for j, column in enumerate(table.columns):
            value = shown[cell_id(table, row, column)]
            texts[grid.body_position(i, j)] = "" if value is None else value_text(value)
    return texts


def _slots(grid: Grid, body: dict[tuple[int, int], str], width: int) -> list[list[_Slot]]:
    """Return the Word cells of each grid row; the last grid column stretches to `width`."""
    owner = {
        (r, c): span
        for span in grid.spans
        for r in range(span.row, span.row + span.rows)
        for c in range(span.column, span.column + span.columns)
    }
    extra = width - grid.columns
    rows = []
    for r in range(grid.rows):
        slots, c = [], 0
        while c < grid.columns:
            span = owner.get((r, c))
            columns = span.columns if span else 1
            stretch = extra if c + columns == grid.columns else 0
            slots.append(_slot(span, r, c, columns + stretch, body))
            c += columns
        rows.append(slots)
    return rows


def _slot(span: Any, r: int, c: int, columns: int, body: dict) -> _Slot:
    """Return the Word cell at grid (r, c): a header span's top or continuation, or a number."""
    if span is None:
        return _Slot(c, columns, body.get((r, c), ""), None)
    merge = None if span.rows == 1 else ("restart" if r == span.row else "continue")
    return _Slot(c, columns, span.text if r == span.row else "", merge)


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


def _row(slots: list[_Slot], widths: list[int], style: str, header: bool, keep: bool) -> Any:
    """Return a w:tr that never splits across pages; header rows repeat on each page."""
    row = _element("w:tr")
    properties = _element("w:trPr")
    properties.append(_element("w:cantSplit"))
    if header:
        properties.append(_element("w:tblHeader"))
    row.append(properties)
    for slot in slots:
        row.append(_cell(slot, sum(widths[slot.start : slot.start + slot.span]), style, keep))
    return row


def _cell(slot: _Slot, width: int, style: str, keep: bool) -> Any:
    """Return a w:tc: vertically centred, merged as the slot says, its text centred."""
    cell = _element("w:tc")
    properties = _element("w:tcPr")
    properties.append(_element("w:tcW", w=str(width), type="dxa"))
    if slot.span > 1:
        properties.append(_element("w:gridSpan", val=str(slot.span)))
    if slot.merge == "restart":
        properties.append(_element("w:vMerge", val="restart"))
    elif slot.merge:
        properties.append(_element("w:vMerge"))
    properties.append(_element("w:vAlign", val="center"))
    cell.append(properties)
    paragraph = _element("w:p")
    paragraph_properties = _element("w:pPr")
    paragraph_properties.append(_element("w:pStyle", val=style.replace(" ", "")))
    if keep:
        paragraph_properties.append(_element("w:keepNext"))
    paragraph.append(paragraph_properties)
    if slot.text:
        run = _element("w:r")
        run.append(_element("w:t", text=slot.text))
        paragraph.append(run)
    cell.append(paragraph)
    return cell


def _element(tag: str, text: str | None = None, **attributes: str) -> Any:
    """Return a new WordprocessingML element with w: attributes and optional text."""
    element = OxmlElement(tag)
    for name, value in attributes.items():
        element.set(qn(f"w:{name}"), value)
    if text is not None:
        element.text = text
    return element
