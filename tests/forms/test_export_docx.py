"""The exported Word document, read back with python-docx: page, fonts, headings,
every value under its labels, merges as forms.format.grid draws them, footers, cleaning,
and the atomic write."""

from __future__ import annotations

import io
import os
import stat
import zipfile
from datetime import date
from decimal import Decimal
from pathlib import Path

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from forms.files import docx_writer as export_docx
from forms.files import formats
from forms.files.document_style import DocumentStyle, default_file_name
from forms.files.docx_writer import ExportError, export_report
from forms.format.annual_report_2021 import S3_TABLE, S4_TABLE
from forms.format.cells import cells, tables
from forms.format.grid import table_grid
from forms.format.registry import CURRENT
from forms.format.spec import Number, TextField
from forms.report.text import clean_text, paragraphs
from forms.report.values import NA, Report

ILLEGAL = "甲\v乙\f丙\x00丁\x01戊\x1f己\ud800庚\ufffe辛\uffff壬"


def distinct(report: Report) -> Report:
    """Fill every cell of `report`, totals too, with a value no other cell has."""
    for index, (cid, cell) in enumerate(cells(report.form).items()):
        amount = cell.number is Number.AMOUNT
        report.values[cid] = Decimal("24252.311082") if amount else 1000 + index
    return report


def export(report: Report, tmp_path: Path, style: DocumentStyle | None = None):
    """Return the exported document of `report`, read back."""
    result = export_report(report, tmp_path / "report.docx", style or DocumentStyle())
    return docx.Document(str(result.path))


@pytest.fixture
def document(seed: Report, tmp_path: Path):
    return export(seed, tmp_path)


# ── reading tables back ──────────────────────────────────────────────────────


def table_cells(table) -> list[dict]:
    """Return each Word cell of `table` as {row, column, rows, columns, text}, vertical
    merges resolved (a vMerge continuation extends the cell above)."""
    found: list[dict] = []
    open_at: dict[int, dict] = {}  # grid column → the cell a vMerge continues
    for r, tr in enumerate(table._tbl.tr_lst):
        column = 0
        for tc in tr.tc_lst:
            span, merge = tc.grid_span, tc.vMerge
            if merge == "continue":
                open_at[column]["rows"] += 1
            else:
                text = "".join(t.text for t in tc.iter(qn("w:t")))
                cell = {"row": r, "column": column, "rows": 1, "columns": span, "text": text}
                found.append(cell)
                open_at[column] = cell
            column += span
    return found


def is_number(text: str) -> bool:
    return text.replace(".", "").isdigit() or text in ("/", "")


def labelled_values(table) -> dict[tuple[frozenset, frozenset], list[str]]:
    """Return each number cell's text keyed by (its row labels, its column labels):
    the label texts to its left in its rows and above it in its columns."""
    found = table_cells(table)
    values: dict[tuple[frozenset, frozenset], list[str]] = {}
    for cell in (c for c in found if is_number(c["text"])):
        rows = range(cell["row"], cell["row"] + cell["rows"])
        columns = range(cell["column"], cell["column"] + cell["columns"])
        left = {c["text"] for c in found if c["column"] < cell["column"] and _meets(c, rows, 1)}
        above = {c["text"] for c in found if c["row"] < cell["row"] and _meets(c, columns, 0)}
        key = (
            frozenset(t for t in left if not is_number(t)),
            frozenset(t for t in above if not is_number(t)),
        )
        values.setdefault(key, []).append(cell["text"])
    return values


def labels(texts: set[str]) -> frozenset[str]:
    return frozenset(t for t in texts if not is_number(t))


def _meets(cell: dict, lines: range, axis: int) -> bool:
    start, extent = (cell["column"], cell["columns"]) if axis == 0 else (cell["row"], cell["rows"])
    return start < lines.stop and lines.start < start + extent


def value_under(values: dict, cid: str) -> list[str]:
    """Return the texts of the number cells under the labels of cell `cid`."""
    cell = cells(CURRENT)[cid]
    caption = cell.table.caption
    column = set(cell.column.path) | ({caption} if caption else set())
    return [
        text
        for (left, above), texts in values.items()
        if left == frozenset(cell.row.path) and column <= above
        for text in texts
    ]


# ── page, fonts, headings ────────────────────────────────────────────────────


def close(length: int, expected: int) -> bool:
    return abs(length - expected) <= Mm(0.1)


def test_page_is_a4_with_the_official_margins(document) -> None:
    section = document.sections[0]
    sizes = (section.page_width, section.page_height, section.top_margin)
    assert all(close(a, b) for a, b in zip(sizes, (Mm(210), Mm(297), Mm(37)), strict=True))
    margins = (section.bottom_margin, section.left_margin, section.right_margin)
    assert all(close(a, b) for a, b in zip(margins, (Mm(35), Mm(28), Mm(26)), strict=True))


def style_fonts(document, name: str) -> dict[str, str]:
    fonts = document.styles[name].element.rPr.find(qn("w:rFonts"))
    return {key.split("}")[1]: value for key, value in fonts.attrib.items()}


FONTS = DocumentStyle("仿宋", "宋体", "微软雅黑", "楷体", "Times New Roman", "黑体")


@pytest.mark.parametrize("style", [DocumentStyle(), FONTS], ids=["default", "setting"])
def test_every_style_names_its_east_asian_and_latin_font(seed, tmp_path, style) -> None:
    document = export(seed, tmp_path, style)
    expected = {
        "Normal": style.body_font,
        "Title": style.title_font,
        "Heading 1": style.heading1_font,
        "Heading 2": style.heading2_font,
        "Footer": style.page_number_font,
        "Table Text": style.table_font,
        "Table Text Small": style.table_font,
    }
    for name, font in expected.items():
        fonts = style_fonts(document, name)
        assert fonts["eastAsia"] == fonts["ascii"] == fonts["hAnsi"] == font, name
        assert not [key for key in fonts if key.endswith("Theme")], name


def test_no_run_overrides_a_font_without_its_east_asian_name(document) -> None:
    parts = [document.element]
    parts += [f._element for s in document.sections for f in (s.footer, s.even_page_footer)]
    for part in parts:
        for fonts in part.iter(qn("w:rFonts")):
            assert fonts.get(qn("w:eastAsia")), fonts.attrib


def test_no_style_uses_a_theme_font(document) -> None:
    # A theme font outranks a named one and is not Chinese; without it, the
    # template's other styles inherit the body font for East Asian text.
    for fonts in document.styles.element.iter(qn("w:rFonts")):
        assert not [a for a in fonts.attrib if a.lower().endswith("theme")], fonts.attrib


@pytest.mark.parametrize(
    ("name", "size"),
    [("Normal", 16), ("Title", 22), ("Heading 1", 16), ("Heading 2", 16)],
)
def test_text_styles_are_exactly_spaced_black_and_plain(document, name, size) -> None:
    style = document.styles[name]
    spacing = style.paragraph_format
    assert spacing.line_spacing_rule == WD_LINE_SPACING.EXACTLY
    assert spacing.line_spacing == Pt(28.95)
    assert spacing.space_before == spacing.space_after == 0
    assert style.font.size == Pt(size)
    assert not style.font.bold
    assert str(style.font.color.rgb) == "000000"


def test_body_indents_the_first_line_by_two_characters(document) -> None:
    indent = document.styles["Normal"].element.pPr.find(qn("w:ind"))
    assert indent.get(qn("w:firstLineChars")) == "200"
    assert indent.get(qn("w:firstLine")) == "640"


@pytest.mark.parametrize(("name", "level"), [("Heading 1", "0"), ("Heading 2", "1")])
def test_headings_carry_outline_levels(document, name, level) -> None:
    outline = document.styles[name].element.pPr.find(qn("w:outlineLvl"))
    assert outline.get(qn("w:val")) == level


def test_title_is_the_unit_and_year_centred_with_a_blank_line(document, seed) -> None:
    first = document.paragraphs[:3]
    assert [p.text for p in first] == [seed.unit, "2023年政府信息公开工作年度报告", ""]
    assert [p.style.name for p in first[:2]] == ["Title", "Title"]
    assert document.styles["Title"].paragraph_format.alignment == WD_ALIGN_PARAGRAPH.CENTER


def expected_paragraphs(report: Report) -> list[tuple[str, str]]:
    """Return (style, text) of every paragraph after the title, in form order."""
    expected = []
    for section in report.form.sections:
        expected.append(("Heading 1", section.heading))
        for field in (p for p in section.parts if isinstance(p, TextField)):
            lines = paragraphs(report.text(field.id))
            if field.heading and lines:
                expected.append(("Heading 2", field.heading))
            expected += [("Normal", text) for text in lines]
    return expected


def test_headings_and_texts_follow_the_form_in_order(document, seed) -> None:
    found = [(p.style.name, p.text) for p in document.paragraphs[3:-3]]
    assert found == expected_paragraphs(seed)
    assert ("Heading 2", "（五）监督保障") in found


def test_an_empty_text_field_prints_no_bare_heading(seed, tmp_path) -> None:
    seed.texts["s1.oversight"] = " \n"
    found = [(p.style.name, p.text) for p in export(seed, tmp_path).paragraphs[3:-3]]
    assert found == expected_paragraphs(seed)
    assert ("Heading 2", "（五）监督保障") not in found
    assert ("Heading 1", "二、主动公开政府信息情况") in found


# ── tables ───────────────────────────────────────────────────────────────────


def test_every_value_sits_under_its_row_and_column_labels(blank, tmp_path) -> None:
    report = distinct(blank)
    document = export(report, tmp_path)
    sections = [[t for t in tables(report.form) if t.prefix == p] for p in ("s2", "s3", "s4")]
    assert len(document.tables) == 3
    checked = 0
    for word_table, form_tables in zip(document.tables, sections, strict=True):
        values = labelled_values(word_table)
        for table in form_tables:
            for cid, cell in cells(report.form).items():
                if cell.table is table:
                    assert value_under(values, cid) == [str(report.values[cid])], cid
                    checked += 1
    assert checked == 200


def test_blank_prints_empty_not_applicable_slash_amounts_as_stored(blank, tmp_path) -> None:
    blank.values.update({"s2.rules.issued": NA, "s2.fees.amount": Decimal("96171.60")})
    table = export(blank, tmp_path).tables[0]
    values = labelled_values(table)
    assert value_under(values, "s2.rules.issued") == ["/"]
    assert value_under(values, "s2.rules.repealed") == [""]
    assert value_under(values, "s2.fees.amount") == ["96171.60"]


def test_missing_totals_are_computed_published_ones_kept(blank, tmp_path) -> None:
    blank.values.update({"s3.new.natural": 2, "s3.new.commercial": 3, "s3.carried.total": 9})
    values = labelled_values(export(blank, tmp_path).tables[1])
    assert value_under(values, "s3.new.total") == ["5"]
    assert value_under(values, "s3.carried.total") == ["9"]


@pytest.mark.parametrize(("index", "table"), [(1, S3_TABLE), (2, S4_TABLE)], ids=["s3", "s4"])
def test_header_merges_match_the_grid(document, index, table) -> None:
    found = {
        (c["row"], c["column"], c["rows"], c["columns"], c["text"])
        for c in table_cells(document.tables[index])
        if not is_number(c["text"])
    }
    grid = table_grid(table)
    assert found == {(s.row, s.column, s.rows, s.columns, s.text) for s in grid.spans}


def test_section_2_is_one_four_column_table_with_stretched_single_values(document) -> None:
    found = table_cells(document.tables[0])
    assert len(document.tables[0]._tbl.tblGrid.gridCol_lst) == 4
    captions = [c for c in found if c["text"].startswith("第二十条")]
    assert [c["columns"] for c in captions] == [4, 4, 4, 4]
    single = [
        c for c in found if c["text"] in ("行政许可", "行政处罚", "行政强制", "行政事业性收费")
    ]
    for label in single:
        row = [c for c in found if c["row"] == label["row"] and c is not label]
        assert [(c["column"], c["columns"]) for c in row] == [(1, 3)]


def test_tables_fit_the_type_area_with_fixed_widths(document) -> None:
    for table in document.tables:
        widths = [int(col.get(qn("w:w"))) for col in table._tbl.tblGrid.gridCol_lst]
        assert sum(widths) <= round(156 * 1440 / 25.4)
        assert table._tbl.tblPr.find(qn("w:tblLayout")).get(qn("w:type")) == "fixed"


def test_rows_never_split_and_headers_repeat(document) -> None:
    for index, table in ((1, S3_TABLE), (2, S4_TABLE)):
        rows = document.tables[index]._tbl.tr_lst
        repeated = [r.trPr.find(qn("w:tblHeader")) is not None for r in rows]
        header_rows = table_grid(table).header_rows
        assert repeated == [True] * header_rows + [False] * (len(rows) - header_rows)
    for table in document.tables:
        assert all(r.trPr.find(qn("w:cantSplit")) is not None for r in table._tbl.tr_lst)


def test_borders_are_single_lines_and_cells_centred(document) -> None:
    for table in document.tables:
        borders = table._tbl.tblPr.find(qn("w:tblBorders"))
        assert {b.get(qn("w:val")) for b in borders} == {"single"}
        assert len(borders) == 6
        aligns = {
            tc.tcPr.find(qn("w:vAlign")).get(qn("w:val")) for tc in table._tbl.iter(qn("w:tc"))
        }
        assert aligns == {"center"}
    assert document.styles["Table Text Small"].paragraph_format.alignment == (
        WD_ALIGN_PARAGRAPH.CENTER
    )
    assert document.styles["Table Text Small"].font.size <= Pt(9)


# ── footer ───────────────────────────────────────────────────────────────────


def test_footers_number_odd_pages_right_and_even_pages_left(document) -> None:
    assert document.settings.odd_and_even_pages_header_footer
    section = document.sections[0]
    for footer, align in ((section.footer, "right"), (section.even_page_footer, "left")):
        paragraph = footer.paragraphs[0]
        assert paragraph.alignment == getattr(WD_ALIGN_PARAGRAPH, align.upper())
        assert paragraph._p.pPr.ind.get(qn(f"w:{align}Chars")) == "100"
        instructions = [t.text.strip() for t in paragraph._p.iter(qn("w:instrText"))]
        assert instructions == ["PAGE"]
        assert paragraph.text.startswith("— ") and paragraph.text.endswith(" —")
    assert document.styles["Footer"].font.size == Pt(14)


# ── cleaning and the file ────────────────────────────────────────────────────


def test_illegal_characters_are_cleaned_and_reported(seed, tmp_path) -> None:
    seed.texts = {key: ILLEGAL for key in seed.texts}
    seed.unit = "西街\x00街道"
    result = export_report(seed, tmp_path / "out.docx")
    assert result.cleaned_fields == list(seed.texts)
    document = docx.Document(str(result.path))
    texts = [p.text for p in document.paragraphs]
    assert texts[0] == "西街街道"
    assert texts.count("甲") == len(seed.texts)  # the vertical tab starts a new paragraph
    assert texts.count("乙丙丁戊己庚辛壬") == len(seed.texts)


def test_clean_texts_report_nothing(seed, tmp_path) -> None:
    assert export_report(seed, tmp_path / "out.docx").cleaned_fields == []


def test_document_style_round_trips_through_its_setting() -> None:
    assert DocumentStyle.from_setting(FONTS.as_setting()) == FONTS
    assert DocumentStyle.from_setting({"body_font": " ", "unknown": "x"}) == DocumentStyle()
    assert DocumentStyle.from_setting(None) == DocumentStyle()


def test_an_existing_file_is_replaced_when_the_write_succeeds(seed, tmp_path) -> None:
    target = tmp_path / "report.docx"
    target.write_bytes(b"old")
    export_report(seed, target)
    assert zipfile.is_zipfile(target)
    assert os.listdir(tmp_path) == ["report.docx"]


@pytest.fixture
def read_only_folder(tmp_path, monkeypatch) -> Path:
    """A folder nobody may write to; root ignores file modes, so there the refusal
    is simulated where the temporary file is created."""
    folder = tmp_path / "locked"
    folder.mkdir()
    (folder / "report.docx").write_bytes(b"old")
    folder.chmod(0o555)
    if os.geteuid() == 0:
        denied = PermissionError(13, "Permission denied")
        monkeypatch.setattr(formats.tempfile, "mkstemp", _raiser(denied))
    yield folder
    folder.chmod(0o755)


def _raiser(error: Exception):
    def raise_(*args, **kwargs):
        raise error

    return raise_


def test_a_read_only_folder_raises_a_chinese_message(seed, read_only_folder) -> None:
    with pytest.raises(ExportError, match=r"无法写入.*权限"):
        export_report(seed, read_only_folder / "report.docx")
    assert os.listdir(read_only_folder) == ["report.docx"]
    assert (read_only_folder / "report.docx").read_bytes() == b"old"


def test_a_file_open_in_word_is_left_untouched(seed, tmp_path, monkeypatch) -> None:
    target = tmp_path / "report.docx"
    target.write_bytes(b"old")
    # Windows refuses to replace a file Word holds open.
    monkeypatch.setattr(formats.os, "replace", _raiser(PermissionError(13, "in use")))
    with pytest.raises(ExportError, match="Word/WPS"):
        export_report(seed, target)
    assert target.read_bytes() == b"old"
    assert os.listdir(tmp_path) == ["report.docx"]


def test_a_missing_folder_is_named(seed, tmp_path) -> None:
    with pytest.raises(ExportError, match="文件夹不存在"):
        export_report(seed, tmp_path / "nowhere" / "report.docx")


def kept_rows(table) -> list[bool]:
    return [r.find(f".//{qn('w:keepNext')}") is not None for r in table._tbl.tr_lst]


def test_a_page_break_never_cuts_a_group_of_results(document) -> None:
    kept = kept_rows(document.tables[1])
    spans = table_grid(S3_TABLE).spans
    for label in ("（三）不予公开", "（四）无法提供", "（五）不予处理", "（六）其他处理"):
        group = next(s for s in spans if s.text == label)
        assert kept[group.row : group.row + group.rows] == [True] * (group.rows - 1) + [False]
    assert not kept[-1]


def test_section_3_starts_with_its_header_and_first_group_together(document) -> None:
    """Never a header and a few rows at the foot of a page: the heading, the header
    rows, rows 一 and 二 and the results down to （三）不予公开 go to the page together."""
    kept = kept_rows(document.tables[1])
    group = next(s for s in table_grid(S3_TABLE).spans if s.text == "（三）不予公开")
    assert all(kept[: group.row + group.rows - 1])
    heading = document.tables[1]._tbl.getprevious()
    assert heading.pPr.pStyle.val == "Heading1" and "收到和处理" in "".join(heading.itertext())
    assert document.styles["Heading 1"].paragraph_format.keep_with_next


def test_section_2_breaks_only_between_its_four_blocks(document) -> None:
    kept = kept_rows(document.tables[0])
    lengths = [table_grid(t).rows for t in tables(CURRENT) if t.prefix == "s2"]
    expected = [r < n - 1 for n in lengths for r in range(n)]
    assert kept == expected


def test_section_4_is_kept_whole(document) -> None:
    kept = kept_rows(document.tables[2])
    assert kept == [True] * (len(kept) - 1) + [False]


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(unit=st.text(min_size=1), text=st.text())
def test_any_text_survives_export(seed, unit, text) -> None:
    """Whatever a clerk pastes, the export writes a document whose paragraphs say it."""
    seed.unit, seed.texts["s5.problems"] = unit, text
    document = docx.Document(io.BytesIO(export_docx.document_bytes(seed)))
    written = [p.text for p in document.paragraphs]
    assert all(line in written for line in paragraphs(clean_text(text)))


@pytest.mark.skipif(os.name == "nt", reason="POSIX file modes")
def test_the_document_is_readable_by_others_like_any_new_file(seed, tmp_path) -> None:
    old = os.umask(0o022)
    try:
        export_report(seed, tmp_path / "report.docx")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "report.docx").stat().st_mode) == 0o644


# ── 落款, 草稿, title lines, widths ──────────────────────────────────────────


def test_the_signature_ends_the_document_right_aligned_and_kept_with_the_text(
    seed, tmp_path
) -> None:
    seed.date = date(2025, 1, 20)
    document = export(seed, tmp_path)
    *text, blank, unit, day = document.paragraphs
    assert (blank.text, unit.text, day.text) == ("", seed.unit, "2025年1月20日")
    assert unit.alignment == day.alignment == WD_ALIGN_PARAGRAPH.RIGHT
    indent = day._p.pPr.find(qn("w:ind"))
    assert indent.get(qn("w:rightChars")) == "400"  # 右空四字
    assert text[-1].paragraph_format.keep_with_next and blank.paragraph_format.keep_with_next
    assert unit.paragraph_format.keep_with_next and text[-1].paragraph_format.widow_control


def test_the_signature_date_defaults_to_the_day_of_export(seed, tmp_path) -> None:
    result = export_report(seed, tmp_path / "r.docx", today=date(2024, 2, 3))
    assert docx.Document(str(result.path)).paragraphs[-1].text == "2024年2月3日"


def header_texts(document) -> list[str]:
    section = document.sections[0]
    headers = (section.header, section.even_page_header)
    return [p.text for h in headers if not h.is_linked_to_previous for p in h.paragraphs]


def test_a_draft_with_errors_says_草稿_in_every_page_header(seed, tmp_path) -> None:
    result = export_report(seed, tmp_path / "r.docx", errors=2)
    assert header_texts(docx.Document(str(result.path))) == ["草稿", "草稿"]


def test_a_report_without_errors_has_no_header(document) -> None:
    assert header_texts(document) == []


def test_a_long_unit_breaks_between_words_in_balanced_lines(seed, tmp_path) -> None:
    seed.unit = "某某省某某市发展和改革委员会价格监测中心办公室"  # 23 characters
    lines = [p.text for p in export(seed, tmp_path).paragraphs[:3]]
    assert lines == [
        "某某省某某市发展和改革委员会",
        "价格监测中心办公室",
        "2023年政府信息公开工作年度报告",
    ]


def column_mm(table) -> list[float]:
    return [int(c.get(qn("w:w"))) * 25.4 / 1440 for c in table._tbl.tblGrid.gridCol_lst]


def test_columns_hold_their_labels_and_six_digit_values(blank, tmp_path) -> None:
    blank.values["s3.new.natural"] = 123456
    blank.values["s4.review.upheld"] = 123456
    document = export(blank, tmp_path)
    three, four = (column_mm(t) for t in document.tables[1:])
    size_mm = 9 * 25.4 / 72  # 小五
    padding = 2 * 57 * 25.4 / 1440
    assert three[3] >= 3 * size_mm + padding  # 自然人 on one line
    assert min(three[3:] + four) >= 2 * size_mm + padding  # 商业/企业, 结果/维持
    assert three[3] >= 6 * 0.65 * size_mm + padding
    assert four[0] >= 6 * 0.65 * size_mm + padding
    assert sum(three) == pytest.approx(156, abs=0.3) and sum(four) == pytest.approx(156, abs=0.3)


# ── the file ─────────────────────────────────────────────────────────────────


def parts_of(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as package:
        return {name: package.read(name) for name in package.namelist()}


def test_the_file_opens_in_words_current_mode_without_leftovers(seed, tmp_path) -> None:
    parts = parts_of(export_report(seed, tmp_path / "r.docx").path)
    settings_xml = parts["word/settings.xml"].decode()
    assert (
        '<w:compatSetting w:name="compatibilityMode" '
        'w:uri="http://schemas.microsoft.com/office/word" w:val="15"/>'
    ) in settings_xml
    assert "savePreviewPicture" not in settings_xml
    assert not [n for n in parts if "thumbnail" in n or "customXml" in n or "Effects" in n]
    assert b"thumbnail" not in parts["_rels/.rels"]


def test_properties_name_the_report_and_its_unit(seed, tmp_path) -> None:
    properties = export(seed, tmp_path).core_properties
    assert properties.title == "红旗区西街街道办事处2023年政府信息公开工作年度报告"
    assert properties.subject == "政府信息公开工作年度报告"
    assert properties.author == "红旗区西街街道办事处"
    assert properties.comments == ""
    assert properties.created is not None and properties.modified == properties.created


def test_only_the_styles_in_use_are_declared(document) -> None:
    declared = {s.style_id for s in document.styles}
    used = {"Normal", "Title", "Heading1", "Heading2", "TableText", "TableTextSmall", "Footer"}
    defaults = {"DefaultParagraphFont", "TableNormal", "NoList"}
    assert declared == used | defaults
    xml = document.styles.element.xml
    assert "Heading1Char" not in xml and "4F81BD" not in xml  # no template blue


def test_the_font_table_names_a_fallback_for_each_公文_font(seed, tmp_path) -> None:
    fonts = parts_of(export_report(seed, tmp_path / "r.docx").path)["word/fontTable.xml"]
    text = fonts.decode()
    for font, fallback in (
        ("仿宋_GB2312", "仿宋"),
        ("楷体_GB2312", "楷体"),
        ("方正小标宋简体", "宋体"),
    ):
        assert f'<w:font w:name="{font}"><w:altName w:val="{fallback}"/>' in text
    assert "Calibri" not in text and "Cambria" not in text


def test_a_page_holds_22_lines_of_28_characters(document) -> None:
    grid = document.sections[0]._sectPr.find(qn("w:docGrid"))
    assert grid.get(qn("w:linePitch")) == "579"  # 28.95 pt
    spacing = document.styles["Normal"].element.rPr.find(qn("w:spacing"))
    pitch = 16 + int(spacing.get(qn("w:val"))) / 20
    assert int(156 / 25.4 * 72 / pitch) == 28


# ── names from the unit and the real cause of a failed write (issue 9) ──────


@pytest.mark.parametrize("unit", ["红旗区" * 90, "A" * 300, "街道\u202e" * 40 + "x"])
def test_a_long_unit_name_gives_a_file_name_every_file_system_takes(seed, tmp_path, unit):
    seed.unit = unit
    name = default_file_name(seed)
    assert len(name.encode("utf-8")) <= 255
    assert name.endswith("2023年政府信息公开工作年度报告.docx")
    assert "\u202e" not in name
    written = export_report(seed, tmp_path / name)  # a 239+ character unit: core properties
    assert written.path.exists()


@pytest.mark.parametrize("unit", ["nul.", "com1.备份", "CON .记录", "Aux.x"])
def test_a_windows_device_name_is_never_the_file_name(seed, unit):
    """Windows reads the name before the first dot: nul.2023年… is the device NUL."""
    seed.unit = unit
    assert default_file_name(seed).startswith("_")
    seed.unit = "CON"
    assert default_file_name(seed).startswith("CON2023年")  # not a device name


def test_bidi_controls_and_zero_width_marks_leave_the_name(seed):
    seed.unit = "西街\u202ecod.exe\u200b街道"
    assert default_file_name(seed) == "西街cod.exe街道2023年政府信息公开工作年度报告.docx"


def test_write_failures_name_the_real_cause(seed, tmp_path):
    with pytest.raises(ExportError, match="文件名过长"):
        export_report(seed, tmp_path / ("长" * 100 + ".docx"))
    (tmp_path / "folder.docx").mkdir()
    with pytest.raises(ExportError, match="是一个文件夹"):
        export_report(seed, tmp_path / "folder.docx")


def test_a_full_disk_is_named_as_such(seed, small_tmpfs):
    with pytest.raises(ExportError, match="磁盘已满"):
        export_report(seed, small_tmpfs / "report.docx")
    assert [p for p in small_tmpfs.iterdir() if p.name != "filler"] == []
