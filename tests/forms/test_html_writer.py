"""The web page: self-contained, the same blocks as the Word document, tables with
their merges and borders on the cells themselves, and read back by the importer."""

from __future__ import annotations

import re

from lxml import html

from forms.files.formats import read_file, write_file
from forms.files.html_writer import page_text
from forms.files.outline import Heading, Paragraph, TableBlock, outline
from tests.conftest import data_report
from tests.forms.template_docs import sample_report
from tests.forms.test_import_docx import assert_same_report


def test_the_page_is_self_contained_utf8_without_scripts() -> None:
    text = page_text(data_report("xijie-2023"))
    assert text.startswith("<!DOCTYPE html>")
    assert '<meta charset="utf-8">' in text
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in text
    for outside in ("<script", " src=", " href=", "url(", "@import", "<link", "http"):
        assert outside not in text.lower()
    assert re.search(r"\son[a-z]+=", text) is None  # no event handlers either


def test_the_page_holds_the_outline_block_by_block() -> None:
    report = data_report("xijie-2023")
    page = html.document_fromstring(page_text(report))
    blocks = outline(report)
    headings = [b for b in blocks if isinstance(b, Heading)]
    assert [h.text_content() for h in page.iter("h2", "h3")] == [h.text for h in headings]
    paragraphs = [p.text_content() for p in page.iter("p") if p.get("class") != "signature"]
    assert paragraphs == [b.text for b in blocks if isinstance(b, Paragraph)]
    assert page.find(".//h1").text_content() == report.unit + "2023年政府信息公开工作年度报告"


def test_tables_keep_their_merges_and_borders_on_the_cells() -> None:
    report = sample_report()
    page = html.document_fromstring(page_text(report))
    drawn = [b for b in outline(report) if isinstance(b, TableBlock)]
    tables = page.findall(".//table")
    assert len(tables) == len(drawn) == 3
    for table, block in zip(tables, drawn, strict=True):
        cells = [c for row in table.iter("tr") for c in row]
        assert [
            (int(c.get("rowspan", 1)), int(c.get("colspan", 1)), c.text_content()) for c in cells
        ] == [(c.rows, c.columns, c.text) for c in block.cells]
        assert all("border:1px solid #000" in c.get("style") for c in cells)
        assert table.get("border") == "1"
        # a wide table scrolls inside its box on a phone
        assert table.getparent().get("class") == "table-box"
    assert "overflow-x: auto" in page_text(report)


def test_a_page_reads_back_as_the_report(tmp_path) -> None:
    for report in (sample_report(), data_report("xijie-2023"), data_report("broken-s4-total")):
        reading = read_file(write_file(report, tmp_path / "page.html").path)
        assert reading.notes == []
        assert_same_report(reading.report, report)
