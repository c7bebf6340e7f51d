"""Reports in the shape of the official template, as clerks fill it by hand in WPS or
Word, built with python-docx: one title line, plain paragraphs as headings (no heading
styles), section 二 as one table of four parts — with the quirks real files have.

`template_docx(report, path, quirks)` writes the file; `QUIRKS` names each quirk; the
expected report after import is the source report with the changes `expected()` says.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from docx import Document
from docx.shared import Pt

from forms.format.cells import cell_id, cells
from forms.format.grid import table_grid
from forms.format.registry import CURRENT
from forms.format.spec import Table, TextField
from forms.report.totals import resolve
from forms.report.values import NA, Report, value_text

QUIRKS = (
    "brackets",  # half-width brackets, full-width digits in labels
    "spaces",  # spaces inside labels
    "split",  # labels split over runs and over lines
    "repeated",  # merged cells written as repeated cells (no merge)
    "empty",  # an extra empty row and an extra empty column
    "subtotal",  # a 小计 column in 表三
    "numbers",  # 0件, full-width digits, thousands separators
    "not_applicable",  # blank, "/", "—", "-" in 表二
    "numbering",  # headings numbered 第一部分 / 1. and sub-headings inline
)


def sample_report() -> Report:
    """Return a report whose typed cells all hold different numbers (a mis-mapped column
    or row cannot go unnoticed), some over a thousand, with texts."""
    report = Report(CURRENT, "红旗区西街街道办事处", 2023)
    number = 1
    for cid, cell in cells(CURRENT).items():
        if cell.is_total:
            continue
        if cell.table.number.value == "amount":
            report.values[cid] = Decimal("12.50")
        else:
            report.values[cid] = number * 37 if cid != "s3.new.natural" else 1234
            number += 1
    report.texts = {
        "s1.intro": "2023年，本办坚持以公开为常态。\n全年工作平稳有序。",
        "s1.proactive": "主动公开政府信息120条。",
        "s1.on_request": "本年新收政府信息公开申请若干件。",
        "s1.management": "严格执行保密审查。",
        "s1.platforms": "加强政府网站建设。",
        "s1.oversight": "开展培训2次。",
        "s5.problems": "公开内容还不够丰富。",
        "s5.improvements": "进一步加强培训。",
        "s6.other": "本年度未收取信息处理费。",
    }
    return report


def expected(report: Report, quirks: set[str]) -> Report:
    """Return the report the import must give for a file built with `quirks`."""
    result = Report(report.form, report.unit, report.year, dict(report.texts))
    result.values = dict(report.values)
    if "not_applicable" in quirks:
        result.values["s2.rules.issued"] = NA  # "/"
        result.values["s2.rules.repealed"] = NA  # "—"
        result.values["s2.rules.in_force"] = NA  # "-"
        del result.values["s2.normative.repealed"]  # blank
    if "numbering" in quirks:
        # 五's sub-headings written inline are the clerk's own: kept with the text
        own = {"s5.problems": "（一）存在问题", "s5.improvements": "（二）改进措施"}
        for fid, heading in own.items():
            result.texts[fid] = f"{heading}。{result.texts[fid]}"
    return result


def template_docx(report: Report, path: Path, quirks: set[str] = frozenset()) -> Path:
    """Write `report` as a hand-filled official template with `quirks`."""
    document = Document()
    style = document.styles["Normal"]
    style.font.size = Pt(12)
    document.add_paragraph(f"{report.unit}{report.year}年度政府信息公开工作年度报告")
    shown = resolve(report)
    texts = dict(report.texts)
    for index, section in enumerate(report.form.sections, start=1):
        _heading(document, section.heading, index, quirks)
        for part in section.parts:
            if isinstance(part, TextField):
                _text(document, part, texts.get(part.id, ""), quirks)
        parts = [p for p in section.parts if isinstance(p, Table)]
        if parts:
            _table(document, parts, shown, quirks)
    document.save(str(path))
    return path


def _heading(document, heading: str, index: int, quirks: set[str]) -> None:
    text = heading
    if "numbering" in quirks:
        text = f"第{heading.split('、')[0]}部分 {heading.split('、', 1)[1]}"
    paragraph = document.add_paragraph()
    paragraph.add_run(text).bold = True


def _text(document, field: TextField, text: str, quirks: set[str]) -> None:
    lines = [line for line in text.split("\n") if line.strip()]
    if not lines:
        return
    if field.heading and "numbering" in quirks:
        # "（一）主动公开。主动公开政府信息……" on one line, as many reports print it
        document.add_paragraph(f"{field.heading}。{lines[0]}")
        lines = lines[1:]
    elif field.heading:
        document.add_paragraph(field.heading)
    for line in lines:
        document.add_paragraph(line)


def _label(text: str, quirks: set[str]) -> str:
    if "brackets" in quirks:
        text = text.replace("（", "(").replace("）", ")")
        text = text.translate(str.maketrans("0123456789.", "０１２３４５６７８９．"))
    if "spaces" in quirks and len(text) > 3:
        text = text[:2] + " " + text[2:]
    return text


def _cell_text(cell, text: str, quirks: set[str]) -> None:
    paragraph = cell.paragraphs[0]
    if "split" in quirks and len(text) > 4:
        half = len(text) // 2
        paragraph.add_run(text[: half - 1])
        paragraph.add_run(text[half - 1 : half])
        cell.add_paragraph(text[half:])
    else:
        paragraph.add_run(text)


def _printed(value, table: Table, cid: str, quirks: set[str]) -> str:
    if value is None:
        return ""
    text = value_text(value)
    if "numbers" in quirks and isinstance(value, int):
        if value == 0:
            return "0件"
        if value >= 1000:
            return f"{value:,}"
        if value % 2:
            return text.translate(str.maketrans("0123456789", "０１２３４５６７８９"))
        return f"{text}件"
    return text


_NOT_APPLICABLE = {
    "s2.rules.issued": "/",
    "s2.rules.repealed": "—",
    "s2.rules.in_force": "-",
    "s2.normative.repealed": "",
}


def _table(document, tables: list[Table], shown: dict, quirks: set[str]) -> None:
    """One Word table for the section's tables (表二's four parts in one, as the
    template has it), merged headers from the format's grid."""
    grids = [table_grid(t) for t in tables]
    width = max(g.columns for g in grids)
    subtotal = "subtotal" in quirks and tables[0].id == "s3"
    empty = "empty" in quirks
    extra = (1 if subtotal else 0) + (1 if empty else 0)
    rows = sum(g.rows for g in grids) + (1 if empty else 0)
    word = document.add_table(rows=rows, cols=width + extra)
    word.style = "Table Grid"
    top = 0
    for table, grid in zip(tables, grids, strict=True):
        _fill(word, table, grid, top, width, shown, quirks, subtotal)
        top += grid.rows
    # with "empty", the last row and the last column are left empty


def _fill(word, table, grid, top, width, shown, quirks, subtotal) -> None:
    stretch = width - grid.columns
    rows = word.rows
    split_at = grid.header_columns + 6 if subtotal else None  # after 其他 in 表三

    def column(c: int) -> int:
        return c + (1 if split_at is not None and c >= split_at else 0)

    for span in grid.spans:
        last = span.column + span.columns == grid.columns
        first_col = column(span.column)
        last_col = column(span.column + span.columns - 1) + (stretch if last else 0)
        if split_at is not None and span.column < split_at <= span.column + span.columns - 1:
            last_col = column(span.column + span.columns - 1)
        text = _label(span.text, quirks)
        first = rows[top + span.row].cells[first_col]
        end = rows[top + span.row + span.rows - 1].cells[last_col]
        if "repeated" in quirks:
            for r in range(top + span.row, top + span.row + span.rows):
                for c in range(first_col, last_col + 1):
                    _cell_text(rows[r].cells[c], text, quirks)
        else:
            if first._tc is not end._tc:
                first = first.merge(end)
            _cell_text(first, text, quirks)
    if split_at is not None:
        # a 小计 column under 法人或其他组织, with the sum of the five kinds of bodies
        header = top + 1
        rows[header].cells[split_at].text = "法人或其他组织"
        rows[header + 1].cells[split_at].text = "小计"
    for i, row in enumerate(table.rows):
        for j, col in enumerate(table.columns):
            r, c = grid.body_position(i, j)
            cid = cell_id(table, row, col)
            c = column(c)
            last = j == len(table.columns) - 1
            if "not_applicable" in quirks and cid in _NOT_APPLICABLE:
                text = _NOT_APPLICABLE[cid]
            else:
                text = _printed(shown[cid], table, cid, quirks)
            target = rows[top + r].cells[c]
            if last and stretch:
                end = rows[top + r].cells[c + stretch]
                if "repeated" in quirks:
                    for k in range(stretch + 1):
                        rows[top + r].cells[c + k].text = text
                    continue
                target = target.merge(end)
            target.text = text
        if split_at is not None:
            bodies = [shown[cell_id(table, row, table.columns[k])] for k in range(1, 6)]
            rows[top + grid.header_rows + i].cells[split_at].text = str(
                sum(v for v in bodies if isinstance(v, int))
            )
