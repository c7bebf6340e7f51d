"""The exported document as LibreOffice lays it out: title, headings and numbers in
reading order on the expected number of pages. LibreOffice and poppler are installed
by `make test`; when missing, these tests fail rather than skip."""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from forms.files.docx_writer import export_report
from forms.format.cells import cells
from forms.format.spec import Number
from forms.report.values import Report, value_text

pytestmark = pytest.mark.slow

SEED_PAGES = 5  # measured: the seed's texts, then the three tables
FULL_PAGES = 5


def full(report: Report) -> Report:
    """Fill every cell, totals too, with a distinct non-zero value."""
    for index, (cid, cell) in enumerate(cells(report.form).items()):
        amount = cell.number is Number.AMOUNT
        report.values[cid] = Decimal("24252.311082") if amount else 100 + 41 * index
    return report


# Lines of text before section 二 in the reports that move table 三 down pages 1 and 2.
SHIFTS = range(0, 40, 2)
SIGNED = date(2025, 1, 20)


def shifted(report: Report, lines: int) -> Report:
    """Return `report` with 一 holding `lines` one-line paragraphs and nothing else."""
    report.texts = {k: v for k, v in report.texts.items() if not k.startswith("s1.")}
    report.texts["s1.intro"] = "\n".join(["依法依规做好政府信息公开工作，持续提升公开质量"] * lines)
    return report


@pytest.fixture(scope="module")
def rendered(tmp_path_factory) -> dict[str, tuple[str, int, str]]:
    """Export the seed, a fully filled report, a draft with errors and the reports of
    SHIFTS, convert them all to PDF in one LibreOffice run, and return each one's text
    (-layout) and page count."""
    for tool in ("libreoffice", "pdftotext", "pdfinfo"):
        assert shutil.which(tool), f"{tool} is missing: run `make test` to install it"
    folder = tmp_path_factory.mktemp("render")
    from tests.conftest import data_report

    seed = data_report("xijie-2023")
    seed.date = SIGNED
    reports = {"seed": (seed, 0), "full": (full(data_report("xijie-2023")), 0)}
    reports["draft"] = (data_report("broken-s3-row-total"), 1)
    for lines in SHIFTS:
        reports[f"shift{lines}"] = (shifted(data_report("xijie-2023"), lines), 0)
    paths = [
        export_report(r, folder / f"{name}.docx", errors=errors).path
        for name, (r, errors) in reports.items()
    ]
    _convert(paths, folder)
    return {name: _read(folder / f"{name}.pdf") for name in reports}


def _convert(paths: list[Path], folder: Path) -> None:
    """Convert to PDF with a fresh LibreOffice profile (HOME) in `folder`."""
    command = ["libreoffice", "--headless", "--convert-to", "pdf", "--outdir", str(folder)]
    environment = {"HOME": str(folder / "home"), "PATH": "/usr/bin:/bin"}
    subprocess.run([*command, *map(str, paths)], env=environment, check=True, timeout=300)


def _read(pdf: Path) -> tuple[str, int, str]:
    """Return the text laid out as on the page, the page count, and the text in reading
    order of the PDF (-raw: a merged cell's lines together)."""
    layout, plain = (
        subprocess.run(["pdftotext", *mode, str(pdf), "-"], capture_output=True, text=True)
        for mode in (["-layout"], ["-raw"])
    )
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    pages = int(re.search(r"Pages:\s+(\d+)", info.stdout).group(1))
    return layout.stdout, pages, plain.stdout


def in_order(haystack: str, needles: list[str]) -> bool:
    """Return True when every needle occurs in `haystack`, each after the one before."""
    position = 0
    for needle in needles:
        position = haystack.find(needle, position)
        if position < 0:
            return False
        position += len(needle)
    return True


def headings(report: Report) -> list[str]:
    """Return the title lines and every heading in document order."""
    found = [report.unit, f"{report.year}年{report.form.title}"]
    for section in report.form.sections:
        found.append(section.heading)
        found += [p.heading for p in section.parts if getattr(p, "heading", "")]
    return found


@pytest.mark.parametrize("name", ["seed", "full"])
def test_title_and_headings_come_in_reading_order(rendered, seed, name) -> None:
    text = "".join(rendered[name][0].split())  # wrapped lines and layout spaces removed
    assert in_order(text, ["".join(h.split()) for h in headings(seed)])


def test_every_number_comes_out_in_reading_order(rendered, seed) -> None:
    report = full(seed)
    expected = [value_text(report.values[cid]) for cid in cells(report.form)]
    numbers = iter(re.findall(r"\d+(?:\.\d+)?", rendered["full"][0]))
    assert all(number in numbers for number in expected)  # a subsequence, in order


def test_pages_and_their_numbers(rendered) -> None:
    assert rendered["seed"][1] == SEED_PAGES
    assert rendered["full"][1] == FULL_PAGES
    pages = rendered["seed"][0].split("\f")[:SEED_PAGES]
    indents = [_page_number_indent(page, n) for n, page in enumerate(pages, start=1)]
    odd, even = indents[0::2], indents[1::2]
    assert min(odd) > max(even) + 20  # odd pages on the right, even pages on the left


def pages(text: str) -> list[str]:
    """Return the text of each page, white space removed."""
    return ["".join(page.split()) for page in text.split("\f") if page.strip()]


@pytest.mark.parametrize("lines", SHIFTS)
def test_table_3_never_starts_with_only_a_few_rows_on_a_page(rendered, lines) -> None:
    """Wherever the text before it ends, section 三 starts on a page with its header,
    rows 一 and 二 and the results down to the end of （三）不予公开."""
    found = pages(rendered[f"shift{lines}"][0])
    start = next(p for p in found if "三、收到和处理政府信息公开申请情况" in p)
    heading = start.index("三、收到和处理政府信息公开申请情况")
    for label in ("自然人", "一、本年新收", "二、上年结转", "8.属于行政查询事项"):
        assert label in start[heading:], label


@pytest.mark.parametrize("lines", SHIFTS)
def test_no_merged_label_is_cut_by_a_page_break(rendered, lines) -> None:
    found = pages(rendered[f"shift{lines}"][2])
    for label in ("三、本年度办理结果", "（三）不予公开", "（四）无法提供", "（五）不予处理"):
        assert sum(label in page for page in found) == 1, label


def test_shifts_move_table_3_down_pages_1_and_2(rendered) -> None:
    starts = [
        next(n for n, p in enumerate(pages(rendered[f"shift{k}"][0])) if "三、收到和" in p)
        for k in SHIFTS
    ]
    assert starts == sorted(starts) and {0, 1} <= set(starts)


def width(line: str) -> float:
    return sum(1 if unicodedata.east_asian_width(c) in "WF" else 0.5 for c in line)


def test_a_full_body_line_holds_28_characters(rendered) -> None:
    lines = [line.strip() for line in rendered["seed"][0].splitlines()]
    chinese = [line for line in lines if line and all(width(c) == 1 for c in line)]
    widths = [len(line) for line in chinese if len(line) > 20]
    assert max(widths) == 28
    assert widths.count(28) >= 10  # the lines inside every long paragraph


def test_the_signature_is_on_the_last_page_after_the_text(rendered, seed) -> None:
    last = pages(rendered["seed"][0])[-1]
    signature = seed.unit + "2025年1月20日"
    assert last.endswith(signature + "—5—") or signature in last
    ending = seed.texts["s6.other"][-10:]
    assert ending in last and last.index(ending) < last.index(signature)


def test_草稿_is_in_the_header_of_a_draft_only(rendered) -> None:
    draft, final = (pages(rendered[name][0]) for name in ("draft", "seed"))
    assert all(page.startswith("草稿") for page in draft)
    assert not any("草稿" in page for page in final)


def _page_number_indent(page: str, number: int) -> int:
    """Return how far the page's `— N —` line is indented (pdftotext drops its spaces)."""
    line = next(line for line in page.splitlines() if "".join(line.split()) == f"—{number}—")
    return len(line) - len(line.lstrip())
