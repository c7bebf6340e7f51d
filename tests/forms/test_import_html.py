"""Importing reports published as web pages: pages LibreOffice makes from Word
reports (the program's own and hand-filled templates), a page in Word's HTML soup
saved as GBK, and a hand-written portal page with the report in nested layout tables;
every value and text compared."""

from __future__ import annotations

import html
import shutil
import subprocess
from pathlib import Path

import pytest

from forms.files.docx_writer import export_report
from forms.files.formats import read_file
from forms.files.html_reader import decode
from forms.format.cells import cell_id
from forms.format.grid import table_grid
from forms.format.spec import Table, TextField
from forms.report.text import paragraphs
from forms.report.totals import resolve
from forms.report.values import Report, value_text
from tests.conftest import data_report
from tests.forms.template_docs import QUIRKS, expected, sample_report, template_docx
from tests.forms.test_import_docx import assert_same_report


@pytest.fixture(scope="module")
def libreoffice_pages(tmp_path_factory) -> dict[str, Path]:
    """Pages LibreOffice saves (File › Save as HTML) from an exported report, a
    fully filled export and a hand-filled template with every quirk: one run."""
    assert shutil.which("libreoffice"), "libreoffice is missing: run `make test`"
    folder = tmp_path_factory.mktemp("pages")
    sources = [
        export_report(data_report("xijie-2023"), folder / "seed.docx").path,
        export_report(sample_report(), folder / "sample.docx").path,
        template_docx(sample_report(), folder / "template.docx", set(QUIRKS)),
    ]
    command = ["libreoffice", "--headless", "--convert-to", "html", "--outdir", str(folder)]
    environment = {"HOME": str(folder / "home"), "PATH": "/usr/bin:/bin"}
    subprocess.run([*command, *map(str, sources)], env=environment, check=True, timeout=180)
    return {p.stem: p.with_suffix(".html") for p in sources}


@pytest.mark.slow
def test_pages_libreoffice_makes_read_back(libreoffice_pages) -> None:
    seed = read_file(libreoffice_pages["seed"])
    assert seed.notes == []
    assert_same_report(seed.report, data_report("xijie-2023"))
    sample = read_file(libreoffice_pages["sample"])
    assert sample.notes == []
    assert_same_report(sample.report, sample_report())
    template = read_file(libreoffice_pages["template"])
    assert len(template.notes) == 1 and "小计" in template.notes[0]
    assert_same_report(template.report, expected(sample_report(), set(QUIRKS)))


# ── a page in Word's HTML, saved as GBK ──────────────────────────────────────


def word_soup_page(report: Report) -> str:
    """Return `report` as Word's "Save as web page" writes it: MsoNormal paragraphs
    with <span>/<font>/<o:p>, &nbsp;, conditional comments, rowspan/colspan tables,
    source lines broken inside Chinese text."""
    shown = resolve(report)
    out = [
        '<html xmlns:o="urn:schemas-microsoft-com:office:office">',
        '<head><meta http-equiv=Content-Type content="text/html; charset=gb2312">',
        "<!--[if gte mso 9]><xml><o:DocumentProperties><o:Author>x</o:Author>"
        "</o:DocumentProperties></xml><![endif]-->",
        "<style><!-- p.MsoNormal {margin:0cm;} --></style></head>",
        "<body lang=ZH-CN><div class=WordSection1>",
        f"<p class=MsoNormal align=center><b><span style='font-size:22.0pt'>"
        f"<font face=方正小标宋简体>{html.escape(report.unit)}</font></span></b></p>",
        f"<p class=MsoNormal align=center><b><span style='font-size:22.0pt'>{report.year}年"
        "政府信息公开<o:p></o:p>\r\n工作年度报告</span></b></p>",
    ]
    for section in report.form.sections:
        out.append(
            f"<p class=MsoNormal><b><span style='font-family:黑体'>{section.heading}"
            "<o:p></o:p></span></b></p>"
        )
        for part in section.parts:
            if isinstance(part, TextField):
                lines = paragraphs(report.texts.get(part.id, ""))
                if part.heading and lines:
                    out.append(f"<p class=MsoNormal><span>{part.heading}</span></p>")
                for line in lines:
                    half = len(line) // 2
                    out.append(
                        "<p class=MsoNormal style='text-indent:32.0pt'><span lang=ZH-CN>"
                        f"{html.escape(line[:half])}\r\n{html.escape(line[half:])}"
                        "<o:p></o:p></span></p>"
                    )
        for part in section.parts:
            if isinstance(part, Table):
                out.append(_word_table(part, shown))
    out.append("<p class=MsoNormal><o:p>&nbsp;</o:p></p></div></body></html>")
    return "\n".join(out)


def _word_table(table: Table, shown: dict) -> str:
    grid = table_grid(table)
    owner = {(s.row, s.column): s for s in grid.spans}
    covered = {
        (r, c)
        for s in grid.spans
        for r in range(s.row, s.row + s.rows)
        for c in range(s.column, s.column + s.columns)
    }
    body = {}
    for i, row in enumerate(table.rows):
        for j, column in enumerate(table.columns):
            value = shown[cell_id(table, row, column)]
            body[grid.body_position(i, j)] = "" if value is None else value_text(value)
    rows = []
    for r in range(grid.rows):
        cells = []
        for c in range(grid.columns):
            span = owner.get((r, c))
            if span is not None:
                text = "<br>".join(html.escape(t) for t in span.text.split("\n"))
                cells.append(
                    f"<td rowspan={span.rows} colspan={span.columns} style='border:solid "
                    f"windowtext 1.0pt'><p class=MsoNormal><span><font size=2>{text}"
                    "</font></span></p></td>"
                )
            elif (r, c) not in covered:
                text = body.get((r, c), "")
                cells.append(
                    f"<td><p class=MsoNormal align=center><span lang=EN-US>"
                    f"{text or '&nbsp;'}<o:p></o:p></span></p></td>"
                )
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return "<table class=MsoNormalTable border=1 cellspacing=0>" + "".join(rows) + "</table>"


def test_a_word_made_page_saved_as_gbk(tmp_path: Path) -> None:
    report = sample_report()
    path = tmp_path / "report.htm"
    path.write_bytes(word_soup_page(report).encode("gbk"))
    reading = read_file(path)
    assert reading.notes == []
    assert_same_report(reading.report, report)


def test_an_undeclared_gbk_page_is_detected(tmp_path: Path) -> None:
    page = word_soup_page(sample_report()).replace("charset=gb2312", "")
    assert "西街" in decode(page.encode("gbk"))


# ── a portal page: menus, the report in nested layout tables, a footer ───────


def portal_page(report: Report) -> str:
    """Return a hand-written portal page: the report's title and body in a cell of a
    layout table inside another, between a menu and a footer."""
    inner = word_soup_page(report)
    body = inner[inner.index("<div class=WordSection1>") : inner.index("</body>")]
    return (
        "<!DOCTYPE html><html><head><meta charset='utf-8'><title>政务公开</title>"
        "<script>var x = '一、总体情况';</script></head><body>"
        "<table width=100%><tr><td><a href=/>首页</a> &gt; 政府信息公开年报</td></tr>"
        "<tr><td><table><tr><td width=20%><ul><li>机构概况</li><li>政策文件</li></ul></td>"
        "<td><div class=detail><p class=date>发布日期：2024-01-20&nbsp;&nbsp;来源：本站</p>"
        f"{body}</div></td></tr></table></td></tr>"
        "<tr><td><p>主办单位：红旗区人民政府办公室　网站标识码：1234567890</p></td></tr>"
        "</table></body></html>"
    )


def test_a_portal_page_with_nested_layout_tables(tmp_path: Path) -> None:
    report = sample_report()
    path = tmp_path / "report.html"
    path.write_text(portal_page(report), encoding="utf-8")
    reading = read_file(path)
    assert reading.notes == []
    assert_same_report(reading.report, report)
